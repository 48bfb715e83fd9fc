package org.zamin.io;

/**
 * A whole file refused before any feature is considered: too large, unsafe archive, unknown format, unknown CRS.
 * {@code code} is stable (the page translates it); {@code tooLarge} marks the size and count limits.
 */
public class FileRefusedException extends RuntimeException {

    private final String code;
    private final boolean tooLarge;

    public FileRefusedException(String code, String message) {
        this(code, message, false, null);
    }

    public FileRefusedException(String code, String message, boolean tooLarge, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.tooLarge = tooLarge;
    }

    public static FileRefusedException tooLarge(String message) {
        return new FileRefusedException("file_too_large", message, true, null);
    }

    public String code() {
        return code;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}

package org.zamin.parcelimport;

/** A whole import refused before its features are judged: unknown estate, unknown CRS, no plot-number column. */
public class ImportRefused extends RuntimeException {

    private final String code;

    public ImportRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

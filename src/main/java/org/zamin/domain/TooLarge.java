package org.zamin.domain;

/** The input is larger than the published limit (an upload, a file's feature count). */
public final class TooLarge extends DomainException {

    public TooLarge(String code, String message) {
        super(code, message);
    }
}

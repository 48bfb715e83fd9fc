package org.zamin.domain;

/** A rate limit was reached; the caller may try again later. */
public final class TooMany extends DomainException {

    public TooMany(String code, String message) {
        super(code, message);
    }
}

package org.zamin.domain;

/**
 * A rule of the domain refused a request. Services throw one of the subclasses with a stable {@code code} (the page
 * translates it) and a plain-English message; only {@code http.ErrorMapper} knows which HTTP status each kind gets.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Forbidden, Conflict, Invalid, Malformed, NotSignedIn, TooLarge, TooMany,
                UnsupportedType {

    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable, machine-readable code of this failure (e.g. {@code plot_taken}). */
    public String code() {
        return code;
    }
}

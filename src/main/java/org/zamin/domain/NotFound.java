package org.zamin.domain;

/** There is no such thing, or it is not the caller's to see (both look the same from outside). */
public final class NotFound extends DomainException {

    public NotFound(String what) {
        super("not_found", what + " not found");
    }
}

package org.zamin.domain;

/** The caller is known but may not do this (wrong role, or an estate they do not manage). */
public final class Forbidden extends DomainException {

    public Forbidden(String message) {
        super("forbidden", message);
    }

    public Forbidden(String code, String message) {
        super(code, message);
    }
}

package org.zamin.domain;

/** Well-formed, but the content breaks a rule: a bad geometry, an unknown estate, a value out of range. */
public final class Invalid extends DomainException {

    public Invalid(String code, String message) {
        super(code, message);
    }
}

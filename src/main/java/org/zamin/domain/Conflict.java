package org.zamin.domain;

/** The request clashes with the current state: a plot already taken, a transition the lifecycle does not allow. */
public final class Conflict extends DomainException {

    public Conflict(String code, String message) {
        super(code, message);
    }
}

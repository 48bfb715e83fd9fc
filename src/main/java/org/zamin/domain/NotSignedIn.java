package org.zamin.domain;

/** The request needs a signed-in user (a session or an API token) and has none that is valid. */
public final class NotSignedIn extends DomainException {

    public NotSignedIn(String code, String message) {
        super(code, message);
    }
}

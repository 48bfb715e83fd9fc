package org.zamin.domain;

/** A file of a type the service does not take (an upload that is not JPEG, PNG, WebP or PDF). */
public final class UnsupportedType extends DomainException {

    public UnsupportedType(String code, String message) {
        super(code, message);
    }
}

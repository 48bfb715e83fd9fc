package org.zamin.domain;

/** The input cannot be read at all: a parameter that does not parse, a file that is not the format it claims. */
public final class Malformed extends DomainException {

    public Malformed(String code, String message) {
        super(code, message);
    }

    /** A named parameter that does not parse, with code {@code invalid_parameter}. */
    public static Malformed parameter(String name, String problem) {
        return new Malformed("invalid_parameter", "parameter '" + name + "' " + problem);
    }
}

package org.zamin.ogc.cql2;

import java.util.List;

/**
 * A property a filter may name: its name in the features, the SQL expression it reads (fixed by the code, never
 * taken from a request), its type and, for a closed vocabulary, its values.
 */
public record Queryable(String name, String column, Type type, List<String> values, String description) {

    /** The JSON Schema types of the queryables document, and what a filter may compare each with. */
    public enum Type {
        STRING, INTEGER, NUMBER, DATE_TIME, GEOMETRY
    }
}

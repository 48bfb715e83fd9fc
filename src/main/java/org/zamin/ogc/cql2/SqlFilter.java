package org.zamin.ogc.cql2;

import java.util.Map;

/** A SQL condition over a collection's columns and the values bound to its named parameters. */
public record SqlFilter(String sql, Map<String, Object> bindings) {

    /** No filter: a condition every row meets. */
    public static final SqlFilter NONE = new SqlFilter("TRUE", Map.of());
}

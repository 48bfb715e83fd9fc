/**
 * CQL2 (OGC 21-065r2) filters of the OGC API (Part 3, OGC 19-079r2): the text encoding parsed by the ANTLR parser
 * generated from {@code src/main/antlr4/org/zamin/ogc/cql2/Cql2.g4}, the JSON encoding read with Jackson, both into
 * one {@link org.zamin.ogc.cql2.Expression} tree, which {@link org.zamin.ogc.cql2.SqlTranslator} turns into a SQL
 * condition over a collection's {@link org.zamin.ogc.cql2.Queryable}s with every value bound as a parameter.
 */
package org.zamin.ogc.cql2;

/**
 * Architecture rules checked on every test run: the domain does not speak HTTP ({@code http.ApiException} only at
 * the edge, no Javalin or {@code java.sql} in domain records and rules), route classes do not touch the database,
 * and SQL text lives in {@code .sql} resources, not in Java string literals.
 */
package org.zamin.architecture;

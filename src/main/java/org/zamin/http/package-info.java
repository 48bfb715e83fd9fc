/**
 * The HTTP edge shared by every feature: {@code ErrorMapper}, the one place where {@code org.zamin.domain} failures
 * (and the edge's own {@code ApiException}) become a status and {@code {"code","message"}} JSON, with
 * {@code JettyErrors} writing the same JSON for what Jetty answers itself; {@code SecurityHeaders}, the one rule for
 * the headers every response carries (Content-Security-Policy, HSTS, …); query-parameter and JSON-body parsing;
 * sending GeoJSON that PostGIS assembled. {@code ApiException} is for this package and route classes only.
 */
package org.zamin.http;

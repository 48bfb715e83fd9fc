/**
 * The HTTP edge shared by every feature: {@code ErrorMapper}, the one place where {@code org.zamin.domain} failures
 * (and the edge's own {@code ApiException}) become a status and {@code {"code","message"}} JSON (with
 * {@code Retry-After} on every 429), with {@code JettyErrors} writing the same JSON for what Jetty answers itself;
 * {@code SecurityHeaders}, the one rule for the headers every response carries (Content-Security-Policy, HSTS, …);
 * query-parameter and JSON-body parsing; sending GeoJSON that PostGIS assembled; the client's address behind
 * trusted proxies ({@code ClientAddress}); refusing cross-site requests and non-JSON bodies on the sign-in
 * endpoints ({@code CrossSite}); the resource limits every request passes first ({@code BodyLimits}: the body size
 * each route takes; {@code InFlightLimit}: requests in the server at once per account or client address);
 * two servlet filters before Javalin: {@code Cors} (CORS on the public read routes only, never with credentials) and
 * {@code HeadAsGet} (HEAD answered as GET without the body, on every route).
 * {@code ApiException} is for this package and route classes only.
 */
package org.zamin.http;

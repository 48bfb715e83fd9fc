/**
 * The HTTP edge shared by every feature: {@code ErrorMapper}, the one place where {@code org.zamin.domain} failures
 * (and the edge's own {@code ApiException}) become a status and {@code {"code","message"}} JSON; query-parameter and
 * JSON-body parsing; sending GeoJSON that PostGIS assembled; the resource limits every request passes first
 * ({@code BodyLimits}: the body size each route takes; {@code InFlightLimit}: requests in the server at once per
 * account or address). {@code ApiException} is for this package and route classes only.
 */
package org.zamin.http;

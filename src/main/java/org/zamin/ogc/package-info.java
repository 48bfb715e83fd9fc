/**
 * OGC API – Features (Part 1: Core, GeoJSON, HTML, OpenAPI 3.0) over the estates and parcels, for QGIS, GDAL and
 * people browsing: a protocol adapter that only translates requests into the catalogue's fixed queries
 * ({@code sql/ogc/*.sql}; plots with the public fields of {@code parcel_public}), with filter values checked against
 * the vocabularies. {@link org.zamin.ogc.OgcRoutes#PARAMETERS} is the one place that says which query parameters each
 * route takes; {@link org.zamin.ogc.OgcRoutes#CONFORMANCE} the classes declared; {@code OgcHtml} renders the same
 * documents as English or Persian pages.
 */
package org.zamin.ogc;

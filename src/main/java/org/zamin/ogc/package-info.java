/**
 * OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the estates and parcels, for QGIS and GDAL:
 * a protocol adapter that only translates requests into the catalogue's fixed queries ({@code sql/ogc/*.sql}; plots
 * with the public fields of {@code parcel_public}), with filter values checked against the vocabularies.
 */
package org.zamin.ogc;

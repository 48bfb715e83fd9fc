/**
 * OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the estates and parcels, for QGIS and GDAL:
 * a protocol adapter that only translates requests into the catalogue's fixed queries.
 */
package org.zamin.ogc;

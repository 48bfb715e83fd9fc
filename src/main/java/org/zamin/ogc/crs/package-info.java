/**
 * OGC API – Features Part 2 (CRS by reference, OGC 18-058r1): the coordinate reference systems the API answers in
 * and reads boxes and filter geometries in, with their URIs and axis order; the reprojection itself is PostGIS's
 * ({@code R__ogc_crs.sql}).
 */
package org.zamin.ogc.crs;

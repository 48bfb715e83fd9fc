/**
 * Readers and writers of parcel files: GeoJSON, GeoPackage, zipped Shapefile and CSV with WKT. Readers hand back
 * the source features as they are (geometry in the file's CRS, attributes as text) and report what they could not
 * read; they never repair. No HTTP and no database here.
 */
package org.zamin.io;

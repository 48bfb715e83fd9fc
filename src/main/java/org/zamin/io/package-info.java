/**
 * Readers and writers of parcel files: GeoJSON, GeoPackage, zipped Shapefile and CSV with WKT. Readers hand back
 * the source features as they are (geometry in the file's CRS, attributes as text) and report what they could not
 * read; they never repair. A whole file refused (too large, unsafe archive, unreadable) is a
 * {@code FileRefusedException} with a stable code; size limits are {@code Limits}; archives are opened only through
 * {@code SafeZip}. No HTTP and no Zamin database here (GeoPackage files are SQLite, written through JDBC).
 */
package org.zamin.io;

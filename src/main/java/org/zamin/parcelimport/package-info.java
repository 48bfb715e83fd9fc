/**
 * Importing a parcel file into an estate: attribute mapping, per-feature validation (geometry, CRS, duplicates,
 * overlaps, estate boundary, status rules) with a report a surveyor can act on, and one all-or-nothing
 * transaction under the estate's advisory lock; and exporting an estate's plots.
 */
package org.zamin.parcelimport;

/**
 * Importing a parcel file into an estate, one named step each: {@code ImportRun} (the file, its CRS and attribute
 * mapping), {@code FeatureChecks} (pure checks of each feature: plot number, vocabularies, price, geometry type,
 * duplicates), {@code ImportStaging} (staging table, reprojection and the database's checks — validity, extent,
 * estate boundary, overlaps — worded by {@code DatabaseProblems}), {@code Classification} (new, update, unchanged,
 * re-survey or taken) and {@code ImportApply} (writes and decision log), run by {@code ImportService} in one
 * all-or-nothing transaction under the estate's advisory lock; and exporting an estate's plots. SQL lives in
 * {@code sql/parcelimport/*.sql}.
 */
package org.zamin.parcelimport;

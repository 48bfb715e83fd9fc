/**
 * Plots: the vocabularies their attributes are drawn from ({@link org.zamin.parcel.Vocabulary}, the database's
 * lookup tables), the statuses the service writes and the one writer of a status, the filtered GeoJSON search the
 * map draws and one plot by id. A plot's public fields are defined once, in SQL: the view {@code parcel_public} and
 * {@code parcel_public_properties} ({@code R__parcel_public.sql}), which every reader of plots uses; the queries
 * live in {@code sql/parcel/*.sql}.
 */
package org.zamin.parcel;

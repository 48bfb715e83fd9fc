/**
 * Mapbox Vector Tiles of estates and parcels: one ST_AsMVT query per tile from one SQL template
 * ({@code sql/tiles/tile.sql}) filled with the layer's feature query ({@code sql/tiles/<layer>.sql}; plots from the
 * view {@code parcel_public}), cacheable by ETag.
 */
package org.zamin.tiles;

/** Mapbox Vector Tiles of estates and parcels: one ST_AsMVT query per tile from one SQL template, cacheable by ETag. */
package org.zamin.tiles;

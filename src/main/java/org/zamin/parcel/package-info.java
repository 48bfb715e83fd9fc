/** Plots: their public status and attributes, the filtered GeoJSON search the map draws, and one plot by id. */
package org.zamin.parcel;

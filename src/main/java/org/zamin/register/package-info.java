/**
 * The public idle register (every idle plot, no personal data of the holder unless the rules say so: page JSON,
 * CSV and GeoJSON downloads; the OGC collection is in {@code ogc}) and the revival headquarters' statistics per
 * province and year with targets set by administrators.
 */
package org.zamin.register;

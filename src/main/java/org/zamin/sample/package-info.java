/**
 * Synthetic spatial data for Zamin: the Gilan province sample shipped in {@code gis-data/} and the
 * national-scale generator used for scale tests. Every estate is laid out on a road grid in a local
 * metric frame ({@link org.zamin.sample.EstateLayout}) and emitted as RFC 7946 GeoJSON features in
 * EPSG:4326, bundled per estate ({@link org.zamin.sample.EstateBundle}). The data is invented: locations
 * are approximate and nothing here is survey data.
 */
package org.zamin.sample;

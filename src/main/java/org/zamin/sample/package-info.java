/**
 * Synthetic spatial data for Zamin: the Gilan and Qazvin province samples shipped in {@code gis-data/}
 * ({@link org.zamin.sample.ShippedSamples}) and the national-scale generator used for scale tests
 * ({@link org.zamin.sample.NationalGenerator}, one named step per method: provinces, plots per estate, plan, place, build). Every estate is laid out on a road grid in a local
 * metric frame ({@link org.zamin.sample.EstateLayout}) and emitted as RFC 7946 GeoJSON features in
 * EPSG:4326, bundled per estate ({@link org.zamin.sample.EstateBundle}). {@code SampleLoader} writes bundles to the
 * database and {@code SampleAllocations} gives the demo's taken plots their contracts; {@code SampleHistory} appends
 * the sample's past as legacy records of the paper register (the statistics' years of history); their SQL lives in
 * {@code sql/sample/*.sql}. The data is invented: locations are approximate and nothing here is survey data.
 */
package org.zamin.sample;

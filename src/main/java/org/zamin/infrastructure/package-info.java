/**
 * Infrastructure lines around and inside estates (roads, rail, power, gas and water) as GeoJSON: the route and its
 * repository over {@code sql/infrastructure/search.sql}.
 */
package org.zamin.infrastructure;

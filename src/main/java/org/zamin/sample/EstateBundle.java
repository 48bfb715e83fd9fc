package org.zamin.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One estate's generated features, each a GeoJSON (RFC 7946) Feature object in EPSG:4326 lon/lat. */
public record EstateBundle(ObjectNode estate, List<ObjectNode> parcels, List<ObjectNode> infrastructure) {}

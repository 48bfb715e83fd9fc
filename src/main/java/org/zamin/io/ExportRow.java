package org.zamin.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/** One plot's public fields as every export format writes them (geometry in EPSG:4326). */
public record ExportRow(long id, String plotNumber, String estate, String landUse, long pricePerM2, double areaM2,
        String status, List<String> utilities, Geometry geometry) {

    /** The column names every format uses (10 characters at most, for dBase). */
    public static final List<String> COLUMNS =
            List.of("plot_no", "estate", "land_use", "price_m2", "area_m2", "status", "utilities");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The utilities as formats without a list type carry them (CSV, GeoPackage, Shapefile, FlatGeobuf): the text of
     * a JSON array of strings, e.g. {@code ["water","power"]} ({@code []} for none), which parses back to the very list
     * GeoJSON carries as an array.
     */
    public String utilitiesJson() {
        try {
            return JSON.writeValueAsString(utilities);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

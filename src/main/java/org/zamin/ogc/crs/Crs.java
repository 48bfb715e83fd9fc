package org.zamin.ogc.crs;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.zamin.domain.Malformed;

/**
 * A coordinate reference system the OGC API supports: its URI, its EPSG code (the PostGIS SRID), whether its first
 * axis is latitude (EPSG:4326 is, CRS84 is not) and how many decimals its coordinates are written with.
 */
public record Crs(String uri, int srid, boolean latitudeFirst, int decimals) {

    public static final Crs CRS84 = new Crs("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false, 7);
    public static final Crs EPSG_4326 = epsg(4326, true, 7);
    public static final Crs WEB_MERCATOR = epsg(3857, false, 2);

    /** Every supported CRS, CRS84 (the storage CRS and the default) first; the UTM zones 38N–41N cover Iran. */
    public static final List<Crs> SUPPORTED = Stream.concat(Stream.of(CRS84, EPSG_4326, WEB_MERCATOR),
            Stream.of(32638, 32639, 32640, 32641).map(code -> epsg(code, false, 2))).toList();

    private static Crs epsg(int code, boolean latitudeFirst, int decimals) {
        return new Crs("http://www.opengis.net/def/crs/EPSG/0/" + code, code, latitudeFirst, decimals);
    }

    /** The supported CRS a URI (or a safe CURIE such as {@code [EPSG:3857]}) names. */
    public static Optional<Crs> find(String text) {
        String uri = text.trim();
        if (uri.startsWith("[") && uri.endsWith("]")) {
            String curie = uri.substring(1, uri.length() - 1);
            uri = curie.equals("OGC:CRS84") ? CRS84.uri
                    : curie.startsWith("EPSG:") ? "http://www.opengis.net/def/crs/EPSG/0/" + curie.substring(5) : curie;
        }
        if (uri.startsWith("https://www.opengis.net/")) {
            uri = "http://" + uri.substring("https://".length());
        }
        String wanted = uri;
        return SUPPORTED.stream().filter(c -> c.uri.equals(wanted)).findFirst();
    }

    /** The CRS the named parameter gives, CRS84 when it is absent; an unsupported one is malformed. */
    public static Crs parameter(String name, Optional<String> value) {
        return value.map(v -> find(v).orElseThrow(() -> Malformed.parameter(name,
                "names a CRS this API does not support: '" + v + "'; supported: "
                        + String.join(", ", SUPPORTED.stream().map(Crs::uri).toList())))).orElse(CRS84);
    }
}

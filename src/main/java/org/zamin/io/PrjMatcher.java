package org.zamin.io;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches the WKT of a Shapefile's {@code .prj} (ESRI or OGC flavour) to an EPSG code: an explicit
 * {@code AUTHORITY["EPSG",…]} on the outermost CRS, WGS84 geographic, WGS84 UTM zones (north and south) and
 * Web Mercator. Anything else is unknown, and the caller asks for {@code --srid}.
 */
public final class PrjMatcher {

    private static final Pattern OUTER_AUTHORITY =
            Pattern.compile("AUTHORITY\\[\"EPSG\",\\s*\"?(\\d+)\"?\\]\\s*\\]\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern UTM = Pattern.compile("UTM[ _]ZONE[ _](\\d{1,2})([NS])");
    private static final Pattern NAME = Pattern.compile("^\\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS)\\[\"([^\"]*)\"");

    private PrjMatcher() {}

    public static OptionalInt match(String wkt) {
        String text = wkt.trim();
        Matcher authority = OUTER_AUTHORITY.matcher(text);
        if (authority.find()) {
            return OptionalInt.of(Integer.parseInt(authority.group(1)));
        }
        Matcher name = NAME.matcher(text);
        if (!name.find()) {
            return OptionalInt.empty();
        }
        String kind = name.group(1).toUpperCase(Locale.ROOT);
        String n = name.group(2).toUpperCase(Locale.ROOT);
        boolean wgs84 = n.contains("WGS_1984") || n.contains("WGS 84") || n.contains("WGS84")
                || text.toUpperCase(Locale.ROOT).contains("D_WGS_1984");
        if (kind.startsWith("GEOG")) {
            return wgs84 ? OptionalInt.of(4326) : OptionalInt.empty();
        }
        if (n.contains("WEB_MERCATOR") || n.contains("PSEUDO-MERCATOR") || n.contains("PSEUDO_MERCATOR")) {
            return OptionalInt.of(3857);
        }
        Matcher utm = UTM.matcher(n);
        if (wgs84 && utm.find()) {
            int zone = Integer.parseInt(utm.group(1));
            if (zone >= 1 && zone <= 60) {
                return OptionalInt.of((utm.group(2).equals("N") ? 32600 : 32700) + zone);
            }
        }
        return OptionalInt.empty();
    }

    /** The ESRI WKT of WGS84, written beside exported Shapefiles. */
    public static final String WGS84_PRJ = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
            + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
}

package org.zamin.testing;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes throwaway estates for tests, each in its own square kilometre of empty desert far from the sample
 * province (estates may not overlap), with helpers to write plots in metres from the estate's south-west corner.
 */
public final class TestEstates {

    private static final AtomicInteger NEXT = new AtomicInteger();
    /** Metres per degree of latitude, and of longitude at the test latitude: close enough to place shapes. */
    private static final double M_PER_DEG_LAT = 111_320;
    private static final double TEST_LAT = 31.0;
    private static final double M_PER_DEG_LON = 111_320 * Math.cos(Math.toRadians(TEST_LAT));

    /** A test estate: its database id, code and south-west corner. */
    public record Estate(int id, String code, double originLon, double originLat) {

        /** WKT of a rectangle from (x0,y0) to (x1,y1) metres east/north of the corner. */
        public String rect(double x0, double y0, double x1, double y1) {
            return String.format(Locale.ROOT, "POLYGON((%s, %s, %s, %s, %s))",
                    pt(x0, y0), pt(x1, y0), pt(x1, y1), pt(x0, y1), pt(x0, y0));
        }

        /** "lon lat" of a point (x,y) metres east/north of the corner. */
        public String pt(double x, double y) {
            return String.format(Locale.ROOT, "%.9f %.9f", lon(x), lat(y));
        }

        public double lon(double x) {
            return originLon + x / M_PER_DEG_LON;
        }

        public double lat(double y) {
            return originLat + y / M_PER_DEG_LAT;
        }

        /** Inserts a plot and returns its id; any constraint violation propagates. */
        public long addParcel(Jdbi jdbi, String plotNumber, String wkt, String status) {
            return jdbi.withHandle(h -> h.createQuery("""
                    INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
                    VALUES (:estate, :plot, ST_GeomFromText(:wkt, 4326), 'industrial', 1000000,
                            ARRAY['water','power'], :status)
                    RETURNING id""")
                    .bind("estate", id).bind("plot", plotNumber).bind("wkt", wkt).bind("status", status)
                    .mapTo(Long.class).one());
        }
    }

    private TestEstates() {}

    /** A new 1 km × 1 km estate in the test province. */
    public static Estate create(Jdbi jdbi) {
        int n = NEXT.incrementAndGet();
        double originLon = 55.0 + (n % 50) * 0.02;
        double originLat = TEST_LAT + (n / 50) * 0.02;
        String code = "TEST-" + ProcessHandle.current().pid() % 1000 + "-" + n;
        Estate draft = new Estate(0, code, originLon, originLat);
        int id = jdbi.withHandle(h -> {
            int province = h.createQuery("""
                    INSERT INTO province (code, name, name_fa) VALUES ('TST', 'Test province', 'استان آزمایشی')
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id""").mapTo(Integer.class).one();
            return h.createQuery("""
                    INSERT INTO estate (code, province_id, name, name_fa, kind, operator, land_price_per_m2, boundary)
                    VALUES (:code, :province, :code, :code, 'INDUSTRIAL_ESTATE', 'Test operator', 1000000,
                            ST_GeomFromText(:wkt, 4326))
                    RETURNING id""")
                    .bind("code", code).bind("province", province).bind("wkt", draft.rect(0, 0, 1000, 1000))
                    .mapTo(Integer.class).one();
        });
        return new Estate(id, code, originLon, originLat);
    }
}

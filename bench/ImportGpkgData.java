import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.PrecisionModel;
import org.zamin.io.ExportRow;
import org.zamin.io.GeoPackageWriter;
import org.zamin.sample.EstateBundle;
import org.zamin.sample.EstateLayout;
import org.zamin.sample.Province;

/**
 * Test data for bench/import-gpkg.sh (run with {@code java -cp target/classes:target/lib/* bench/ImportGpkgData.java
 * CODE PLOTS OUT.gpkg OUT-estate.sql}): lays out one estate of PLOTS plots with EstateLayout, writes its plots to a
 * GeoPackage with Zamin's own writer, and writes the SQL that creates the (empty) estate directly, so that the
 * benchmark does not pay for generating the plots through the parcel trigger.
 */
public class ImportGpkgData {

    public static void main(String[] args) throws Exception {
        String code = args[0];
        int plots = Integer.parseInt(args[1]);
        Path gpkg = Path.of(args[2]);
        Path sql = Path.of(args[3]);
        Province province = Province.byCode("THR");
        EstateLayout.Spec spec = new EstateLayout.Spec(code, "Benchmark Estate", "شهرک آزمون", "INDUSTRIAL_ESTATE",
                "Benchmark Operator", province, province.lon(), province.lat(), plots, 0, EstateLayout.SizeMix.SMALL,
                EstateLayout.StatusMix.NEW, 10_000_000, 12.5, true, true);
        long t0 = System.nanoTime();
        EstateBundle bundle = EstateLayout.build(spec, new Random(7)).bundle();
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), 4326);
        List<ExportRow> rows = new ArrayList<>(bundle.parcels().size());
        long id = 0;
        for (ObjectNode f : bundle.parcels()) {
            JsonNode p = f.get("properties");
            List<String> utilities = new ArrayList<>();
            p.get("utilities").forEach(u -> utilities.add(u.asText()));
            rows.add(new ExportRow(++id, p.get("plotNumber").asText(), code, p.get("landUse").asText(),
                    p.get("pricePerM2").asLong(), 0, "AVAILABLE", utilities,
                    gf.createPolygon(ring(gf, f.get("geometry").get("coordinates").get(0)))));
        }
        long t1 = System.nanoTime();
        Files.deleteIfExists(gpkg);
        GeoPackageWriter.write(rows, gpkg);
        long t2 = System.nanoTime();
        JsonNode boundary = bundle.estate().get("geometry");
        Files.writeString(sql, String.format(
                "INSERT INTO province (code, name, name_fa) VALUES ('%s', '%s', '%s') ON CONFLICT (code) DO NOTHING;%n"
                        + "INSERT INTO estate (code, province_id, name, name_fa, kind, operator, land_price_per_m2, boundary)%n"
                        + "SELECT '%s', id, '%s', '%s', '%s', '%s', %d, ST_SetSRID(ST_GeomFromGeoJSON('%s'), 4326)%n"
                        + "  FROM province WHERE code = '%s';%n",
                province.code(), province.name(), province.nameFa(), code, spec.name(), spec.nameFa(), spec.kind(), spec.operator(), spec.landPricePerM2(), boundary,
                province.code()));
        System.out.printf("%d plots laid out in %.1f s, GeoPackage written in %.1f s (%d bytes)%n", rows.size(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, Files.size(gpkg));
    }

    private static LinearRing ring(GeometryFactory gf, JsonNode coords) {
        Coordinate[] cs = new Coordinate[coords.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(coords.get(i).get(0).asDouble(), coords.get(i).get(1).asDouble());
        }
        return gf.createLinearRing(cs);
    }
}

package org.zamin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

/** CSV with a header row and the geometry as WKT in a {@code wkt}, {@code geometry} or {@code geom} column (WGS84 unless told). */
public final class CsvFormat {

    private static final List<String> WKT_COLUMNS = List.of("wkt", "geometry", "geom", "the_geom", "shape");
    private static final Pattern ZM = Pattern.compile("^\\s*\\w+\\s+(Z|M|ZM)\\b", Pattern.CASE_INSENSITIVE);

    private CsvFormat() {}

    public static SourceFile read(Path file, Limits limits) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            String wktColumn = header.stream()
                    .filter(h -> WKT_COLUMNS.contains(h.toLowerCase(Locale.ROOT).replace("\uFEFF", "")))
                    .findFirst()
                    .orElseThrow(() -> new FileRefusedException("no_geometry_column",
                            "the CSV has no WKT column (one of " + WKT_COLUMNS + ")"));
            List<String> fields = header.stream().filter(h -> !h.equals(wktColumn)).toList();
            List<SourceFeature> features = new ArrayList<>();
            WKTReader wkt = new WKTReader();
            for (CSVRecord record : parser) {
                if (features.size() >= limits.maxFeatures()) {
                    throw FileRefusedException.tooLarge("more than " + limits.maxFeatures() + " features");
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                for (String f : fields) {
                    String v = record.isSet(f) ? record.get(f) : null;
                    if (v != null && !v.isBlank()) {
                        attributes.put(f, v);
                    }
                }
                int number = features.size() + 1;
                String text = record.isSet(wktColumn) ? record.get(wktColumn) : "";
                features.add(feature(number, text, wkt, attributes));
            }
            return new SourceFile(FileFormat.CSV, 4326, "CSV (WKT taken as WGS84)", fields, features);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new FileRefusedException("unreadable_file", "not a readable CSV file: the first row must name each "
                    + "column once, and every quoted cell must be closed", false, e);
        }
    }

    private static SourceFeature feature(int number, String text, WKTReader reader, Map<String, String> attributes) {
        if (text.isBlank()) {
            return SourceFeature.broken(number, new GeometryProblem("empty_geometry", "the WKT cell is empty", null),
                    attributes);
        }
        if (ZM.matcher(text).find()) {
            return SourceFeature.broken(number, new GeometryProblem("has_z_or_m",
                    "the geometry has Z or M values; plots are 2D", null), attributes);
        }
        Geometry g;
        try {
            g = reader.read(text);
        } catch (ParseException | IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            String code = m.contains("closed linestring") ? "ring_not_closed"
                    : m.contains("Invalid number of points") ? "too_few_points" : "unreadable_geometry";
            return SourceFeature.broken(number, new GeometryProblem(code, "the WKT cannot be read: " + m, null),
                    attributes);
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isNaN(c.getZ())) {
                return SourceFeature.broken(number, new GeometryProblem("has_z_or_m",
                        "the geometry has Z values; plots are 2D", null), attributes);
            }
        }
        if (g.isEmpty()) {
            return SourceFeature.broken(number, new GeometryProblem("empty_geometry", "the geometry is empty", null),
                    attributes);
        }
        return SourceFeature.of(number, g, attributes);
    }

    /** A writer of the header and one record per plot to {@code out}; {@link FeatureWriter#finish()} flushes it. */
    public static FeatureWriter writer(Writer out) throws IOException {
        List<String> header = new ArrayList<>(ExportRow.COLUMNS);
        header.add("wkt");
        WKTWriter wkt = new WKTWriter();
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(String[]::new)).setAutoFlush(false).get());
        return new FeatureWriter() {
            @Override
            public void write(ExportRow r) throws IOException {
                printer.printRecord(r.plotNumber(), r.estate(), r.landUse(), r.pricePerM2(),
                        String.format(Locale.ROOT, "%.2f", r.areaM2()), r.status(), r.utilitiesJson(),
                        wkt.write(r.geometry()));
            }

            @Override
            public void finish() throws IOException {
                printer.flush();
            }
        };
    }
}

package org.zamin.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.dbf.internal.DbaseFileReader;
import org.h2gis.functions.io.dbf.internal.DbaseFileWriter;
import org.h2gis.functions.io.shp.internal.IndexFile;
import org.h2gis.functions.io.shp.internal.ShapeType;
import org.h2gis.functions.io.shp.internal.ShapefileReader;
import org.h2gis.functions.io.shp.internal.ShapefileWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Zipped Shapefiles, through H2GIS's Shapefile and dBase reader and writer used as a plain library (no H2
 * database is started). The CRS comes from the {@code .prj} (see {@link PrjMatcher}); without one the caller must
 * name it.
 */
public final class ShapefileFormat {

    private static final Set<String> MEMBERS = Set.of("shp", "shx", "dbf", "prj", "cpg");

    private ShapefileFormat() {}

    /** Unpacks the archive into {@code workDir} and reads it; {@code srid} 0 when the .prj is missing or unknown. */
    public static SourceFile read(Path zip, Path workDir, Limits limits) {
        Map<String, Path> members = SafeZip.extract(zip, workDir, limits, MEMBERS);
        for (String required : List.of("shp", "shx", "dbf")) {
            if (!members.containsKey(required)) {
                throw new FileRefusedException("incomplete_shapefile",
                        "the archive has no ." + required + " file (a Shapefile needs .shp, .shx and .dbf)");
            }
        }
        int srid = 0;
        String crsSource;
        try {
            if (members.containsKey("prj")) {
                String wkt = Files.readString(members.get("prj"), StandardCharsets.ISO_8859_1);
                OptionalInt match = PrjMatcher.match(wkt);
                srid = match.orElse(0);
                crsSource = match.isPresent() ? ".prj matched to EPSG:" + srid
                        : ".prj not recognised: " + wkt.substring(0, Math.min(80, wkt.length()));
            } else {
                crsSource = "no .prj file";
            }
            String encoding = members.containsKey("cpg")
                    ? Files.readString(members.get("cpg"), StandardCharsets.US_ASCII).trim() : "UTF-8";
            if (!Charset.isSupported(encoding)) {
                encoding = "UTF-8";
            }
            return readMembers(members, srid, crsSource, encoding, limits);
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileRefusedException r) {
                throw r;
            }
            throw new FileRefusedException("unreadable_file", "the Shapefile cannot be read (its .shp, .shx and .dbf do not agree or are damaged)", false, e);
        }
    }

    private static SourceFile readMembers(Map<String, Path> m, int srid, String crsSource, String encoding,
            Limits limits) throws IOException {
        try (FileChannel shp = FileChannel.open(m.get("shp"));
                FileChannel shx = FileChannel.open(m.get("shx"));
                FileChannel dbf = FileChannel.open(m.get("dbf"))) {
            ShapefileReader shapes = new ShapefileReader(shp);
            IndexFile index = new IndexFile(shx);
            DbaseFileReader table = new DbaseFileReader(dbf, encoding);
            int count = index.getRecordCount();
            if (count > limits.maxFeatures()) {
                throw FileRefusedException.tooLarge("more than " + limits.maxFeatures() + " features");
            }
            if (table.getRecordCount() != count) {
                throw new FileRefusedException("incomplete_shapefile", "the .shp has " + count
                        + " shapes but the .dbf " + table.getRecordCount() + " rows");
            }
            ShapeType type = shapes.getHeader().getShapeType();
            List<String> fields = new ArrayList<>();
            for (int f = 0; f < table.getFieldCount(); f++) {
                fields.add(table.getHeader().getFieldName(f).trim());
            }
            List<SourceFeature> features = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Map<String, String> attributes = new LinkedHashMap<>();
                for (int f = 0; f < fields.size(); f++) {
                    var value = table.getFieldValue(i, f);
                    String text = value == null || value.getValueType() == org.h2.value.Value.NULL ? null
                            : value.getString();
                    if (text != null && !text.isBlank()) {
                        attributes.put(fields.get(f), text.trim());
                    }
                }
                int number = i + 1;
                if (type != ShapeType.POLYGON) {
                    String what = type.isPolygonType() ? "has Z or M values (" + type + "); plots are 2D"
                            : "is " + type + "; plots must be polygons";
                    features.add(SourceFeature.broken(number, new GeometryProblem(
                            type.isPolygonType() ? "has_z_or_m" : "not_polygon",
                            "the Shapefile " + what, null), attributes));
                    continue;
                }
                Geometry g;
                try {
                    g = shapes.geomAt(index.getOffset(i));
                } catch (RuntimeException e) {
                    features.add(SourceFeature.broken(number, new GeometryProblem("unreadable_geometry",
                            "the shape cannot be read (its record in the .shp is damaged)", null), attributes));
                    continue;
                }
                if (g == null || g.isEmpty()) {
                    features.add(SourceFeature.broken(number,
                            new GeometryProblem("empty_geometry", "the geometry is empty", null), attributes));
                } else {
                    features.add(SourceFeature.of(number, g, attributes));
                }
            }
            return new SourceFile(FileFormat.SHP, srid, crsSource, fields, features);
        }
    }

    /**
     * A writer of a zipped Shapefile in WGS84 (with .prj and .cpg) to {@code out} of the {@code count} rows that will
     * be written; the members are written to {@code workDir} (scratch) and zipped by {@link FeatureWriter#finish()}.
     */
    public static FeatureWriter open(Path out, Path workDir, long count) throws IOException {
        return new Members(out, workDir, count);
    }

    /** The .shp, .shx and .dbf being written, zipped with the .prj and .cpg when finished. */
    private static final class Members implements FeatureWriter {

        private final Path out;
        private final Path workDir;
        private final FileChannel shp;
        private final FileChannel shx;
        private final FileChannel dbf;
        private final ShapefileWriter shapes;
        private final DbaseFileWriter table;

        Members(Path out, Path workDir, long count) throws IOException {
            this.out = out;
            this.workDir = workDir;
            this.shp = FileChannel.open(workDir.resolve("parcels.shp"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            this.shx = FileChannel.open(workDir.resolve("parcels.shx"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            this.dbf = FileChannel.open(workDir.resolve("parcels.dbf"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                this.shapes = new ShapefileWriter(shp, shx);
                shapes.writeHeaders(ShapeType.POLYGON);
                DbaseFileHeader header = new DbaseFileHeader();
                header.setEncoding("UTF-8");
                header.addColumn("plot_no", 'C', 32, 0);
                header.addColumn("estate", 'C', 32, 0);
                header.addColumn("land_use", 'C', 16, 0);
                header.addColumn("price_m2", 'N', 18, 0);
                header.addColumn("area_m2", 'N', 18, 2);
                header.addColumn("status", 'C', 20, 0);
                header.addColumn("utilities", 'C', 160, 0);
                header.setNumRecords(Math.toIntExact(count));
                this.table = new DbaseFileWriter(header, dbf, StandardCharsets.UTF_8);
            } catch (org.h2gis.functions.io.dbf.internal.DbaseFileException | RuntimeException e) {
                abandon();
                throw new IOException("cannot write the .dbf: " + e.getMessage(), e);
            }
        }

        @Override
        public void write(ExportRow r) throws IOException {
            Geometry g = r.geometry();
            shapes.writeGeometry(g instanceof Polygon p
                    ? PolygonBuilder.FACTORY.createMultiPolygon(new Polygon[] {p}) : (MultiPolygon) g);
            try {
                table.write(new Object[] {r.plotNumber(), r.estate(), r.landUse(), r.pricePerM2(),
                    Math.round(r.areaM2() * 100) / 100.0, r.status(), r.utilitiesJson()});
            } catch (org.h2gis.functions.io.dbf.internal.DbaseFileException e) {
                throw new IOException("cannot write the .dbf: " + e.getMessage(), e);
            }
        }

        @Override
        public void finish() throws IOException {
            // H2GIS's writer fills in the record count and extent when the headers are written again at the end.
            shapes.writeHeaders(ShapeType.POLYGON);
            shapes.close();
            table.close();
            Files.writeString(workDir.resolve("parcels.prj"), PrjMatcher.WGS84_PRJ, StandardCharsets.US_ASCII);
            Files.writeString(workDir.resolve("parcels.cpg"), "UTF-8", StandardCharsets.US_ASCII);
            try (ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(out), 1 << 16))) {
                for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
                    zip.putNextEntry(new ZipEntry("parcels." + ext));
                    Files.copy(workDir.resolve("parcels." + ext), zip);
                    zip.closeEntry();
                }
            }
        }

        @Override
        public void abandon() {
            for (FileChannel c : new FileChannel[] {shp, shx, dbf}) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // the caller deletes the scratch directory
                }
            }
        }
    }
}

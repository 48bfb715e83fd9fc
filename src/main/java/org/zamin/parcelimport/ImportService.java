package org.zamin.parcelimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.db.SqlResource;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.io.FileFormat;
import org.zamin.io.SourceFeature;
import org.zamin.io.SourceFile;
import org.zamin.io.SourceReader;
import org.zamin.parcel.Vocabulary;

/**
 * Imports a parcel file into one estate: reads it, maps its columns, validates every feature (in Java what the
 * reader saw, in PostGIS the geometry, CRS, extent, boundary and overlaps), then writes everything in one
 * transaction under the estate's advisory lock, or nothing. Dry runs do the writes and roll them back, so the
 * database's own checks are part of the preview.
 */
public final class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private static final String ESTATE = SqlResource.load("parcelimport/estate");
    private static final String LOCK = SqlResource.load("parcelimport/lock");
    private static final String CREATE_TEMP = SqlResource.load("parcelimport/create_temp");
    private static final String TRANSFORM = SqlResource.load("parcelimport/transform");
    private static final String PROBLEMS = SqlResource.load("parcelimport/problems");
    private static final String MATCH = SqlResource.load("parcelimport/match");
    private static final String INSERT = SqlResource.load("parcelimport/insert");
    private static final String UPDATE = SqlResource.load("parcelimport/update");
    private static final String RESURVEY = SqlResource.load("parcelimport/resurvey");
    private static final String PREVIEW = SqlResource.load("parcelimport/preview");

    static final Set<String> FREE_STATUSES = Set.of("AVAILABLE", "NOT_OFFERED");
    private static final int PREVIEW_LIMIT = 5000;

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final Vocabulary vocabulary;

    public ImportService(Jdbi jdbi, DecisionLog decisions) {
        this.jdbi = jdbi;
        this.vocabulary = Vocabulary.load(jdbi);
        this.decisions = decisions;
    }

    /** Wall-clock milliseconds per phase of one import, logged at its end (what bench/import-gpkg.sh reports). */
    private static final class Phases {
        private final Map<String, Long> ms = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void mark(String phase) {
            long now = System.nanoTime();
            ms.merge(phase, (now - last) / 1_000_000, Long::sum);
            last = now;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            ms.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
            return b.toString();
        }
    }

    /** A feature ready for the database: its number, mapped attributes (null = not given) and geometry. */
    private record Row(int n, String plotNumber, String landUse, Long price, List<String> utilities, Geometry geom) {}

    /**
     * Imports {@code file} (named {@code fileName} by its owner) as {@code format}. Throws {@link ImportRefused} or
     * {@link org.zamin.io.FileRefusedException} when the whole file is refused; otherwise returns the report.
     */
    public ImportReport importFile(Path file, String fileName, FileFormat format, ImportOptions options) {
        Phases phases = new Phases();
        String sha256 = sha256(file);
        phases.mark("sha256");
        long size;
        Path work;
        try {
            size = Files.size(file);
            work = Files.createTempDirectory("zamin-import-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            SourceFile source = SourceReader.read(file, format, work, options.limits());
            phases.mark("read");
            ImportReport report = importSource(source, fileName, size, sha256, options, phases);
            log.info("import phases: {} ({} features, {})", phases, report.features(), report.outcome());
            return report;
        } finally {
            deleteTree(work);
        }
    }

    private ImportReport importSource(SourceFile source, String fileName, long size, String sha256,
            ImportOptions options, Phases phases) {
        int srid = options.srid() > 0 ? options.srid() : source.srid();
        String crsSource = options.srid() > 0 ? "--srid " + options.srid() + " (file: " + source.crsSource() + ")"
                : source.crsSource();
        if (srid <= 0) {
            throw new ImportRefused("unknown_crs", "the coordinate system is unknown (" + source.crsSource()
                    + "); give it with --srid, e.g. --srid 32639 for UTM zone 39N");
        }
        AttributeMapping mapping = AttributeMapping.resolve(source.fields(), options.plotNumberField(),
                options.landUseField(), options.priceField());

        List<ImportReport.Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<Integer, String> plotOf = new HashMap<>();
        Map<String, List<Integer>> byPlot = new LinkedHashMap<>();
        for (SourceFeature f : source.features()) {
            String plot = trimmed(f.attributes().get(mapping.plotNumber()));
            plotOf.put(f.number(), plot);
            if (plot == null) {
                problems.add(problem(f.number(), null, "missing_plot_number",
                        "no plot number in column " + mapping.plotNumber(), null, null, mapping.plotNumber()));
            } else {
                byPlot.computeIfAbsent(plot, k -> new ArrayList<>()).add(f.number());
                if (plot.length() > 32 || Character.isWhitespace(plot.charAt(0))) {
                    problems.add(problem(f.number(), plot, "bad_plot_number", "a plot number has 1 to 32 characters",
                            null));
                }
            }
            String landUse = mapping.landUse().map(c -> trimmed(f.attributes().get(c))).orElse(null);
            if (landUse != null) {
                landUse = landUse.toLowerCase(Locale.ROOT);
                if (!vocabulary.landUses().contains(landUse)) {
                    problems.add(problem(f.number(), plot, "bad_land_use", "land use '" + landUse
                            + "' is not one of " + new java.util.TreeSet<>(vocabulary.landUses()), null, null, landUse));
                }
            }
            Long price = null;
            String priceText = mapping.price().map(c -> trimmed(f.attributes().get(c))).orElse(null);
            if (priceText != null) {
                try {
                    price = new BigDecimal(priceText).longValueExact();
                    if (price < 0) {
                        throw new ArithmeticException();
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    price = null;
                    problems.add(problem(f.number(), plot, "bad_price", "price per m² '" + priceText
                            + "' is not a whole non-negative number", null, null, priceText));
                }
            }
            List<String> utilities = null;
            String utilityText = mapping.utilities().map(c -> f.attributes().get(c)).orElse(null);
            if (utilityText != null) {
                utilities = Arrays.stream(utilityText.replaceAll("[\\[\\]{}\"]", "").split("[,;\\s]+"))
                        .map(u -> u.trim().toLowerCase(Locale.ROOT)).filter(u -> !u.isEmpty()).distinct().toList();
                List<String> unknown = utilities.stream().filter(u -> !vocabulary.utilities().contains(u)).toList();
                if (!unknown.isEmpty()) {
                    problems.add(problem(f.number(), plot, "bad_utilities", "unknown utilities " + unknown
                            + "; known: " + new java.util.TreeSet<>(vocabulary.utilities()), null, null, String.join(", ", unknown)));
                }
            }
            Geometry g = f.geometry();
            if (f.problem() != null) {
                problems.add(problem(f.number(), plot, f.problem().code(), f.problem().message(),
                        f.problem().locationWkt()));
                continue;
            }
            if (g instanceof MultiPolygon mp && mp.getNumGeometries() == 1) {
                g = mp.getGeometryN(0);
            }
            if (g instanceof MultiPolygon mp) {
                problems.add(problem(f.number(), plot, "multi_polygon", "a plot is one polygon; this feature has "
                        + mp.getNumGeometries() + " parts", null, (double) mp.getNumGeometries(), null));
                continue;
            }
            if (!(g instanceof Polygon)) {
                problems.add(problem(f.number(), plot, "not_polygon", "a plot must be a Polygon, not a "
                        + g.getGeometryType(), null, null, g.getGeometryType()));
                continue;
            }
            rows.add(new Row(f.number(), plot, landUse, price, utilities, g));
        }
        byPlot.forEach((plot, numbers) -> {
            if (numbers.size() > 1) {
                for (int n : numbers) {
                    problems.add(problem(n, plot, "duplicate_plot_number", "plot number " + plot
                            + " appears " + numbers.size() + " times in the file (features " + numbers + ")", null,
                            (double) numbers.size(), null));
                }
            }
        });

        Map<String, String> mappingShown = new LinkedHashMap<>();
        mappingShown.put("plotNumber", column(mapping.plotNumber(), mapping.guessed().contains("plotNumber")));
        mappingShown.put("landUse", mapping.landUse().map(c -> column(c, mapping.guessed().contains("landUse")))
                .orElse("(no column: new plots get 'industrial', existing plots keep theirs)"));
        mappingShown.put("price", mapping.price().map(c -> column(c, mapping.guessed().contains("price")))
                .orElse("(no column: new plots get the estate's land price, existing plots keep theirs)"));
        mappingShown.put("utilities", mapping.utilities().map(c -> column(c, true))
                .orElse("(no column: new plots get none, existing plots keep theirs)"));

        final int sourceSrid = srid;
        phases.mark("checks in Java");
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                var estate = h.createQuery(ESTATE).bind("code", options.estateCode()).mapToMap().findOne()
                        .orElseThrow(() -> new ImportRefused("unknown_estate", "no estate " + options.estateCode()));
                int estateId = ((Number) estate.get("id")).intValue();
                boolean knownSrid = h.createQuery("SELECT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = :s)")
                        .bind("s", sourceSrid).mapTo(Boolean.class).one();
                if (!knownSrid) {
                    throw new ImportRefused("unknown_crs", "EPSG:" + sourceSrid + " is not a coordinate system "
                            + "PostGIS knows");
                }
                h.createQuery(LOCK).bind("estateId", estateId).mapTo(String.class).one();
                phases.mark("lock");
                h.execute(CREATE_TEMP);
                copyRows(h, rows, sourceSrid);
                phases.mark("staging (COPY)");
                h.createScript(TRANSFORM).execute();
                phases.mark("reprojection and validity");
                h.createQuery(PROBLEMS).bind("estateId", estateId).map((rs, ctx) -> {
                    int n = rs.getInt("n");
                    problems.add(databaseProblem(n, plotOf.get(n), rs.getString("code"), rs.getString("detail"),
                            rs.getString("location"), (Double) rs.getObject("amount"), rs.getString("other"),
                            sourceSrid));
                    return n;
                }).list();
                phases.mark("problems (extent, boundary, overlaps)");

                Map<Integer, Map<String, Object>> matches = new HashMap<>();
                h.createQuery(MATCH).bind("estateId", estateId).mapToMap()
                        .forEach(m -> matches.put(((Number) m.get("n")).intValue(), m));
                Set<Integer> bad = new java.util.HashSet<>();
                problems.forEach(p -> bad.add(p.feature()));
                List<Integer> create = new ArrayList<>();
                List<Integer> update = new ArrayList<>();
                List<Integer> resurvey = new ArrayList<>();
                int unchanged = 0;
                for (Row r : rows) {
                    Map<String, Object> m = matches.get(r.n());
                    if (m == null || bad.contains(r.n())) {
                        if (!bad.contains(r.n())) {
                            create.add(r.n());
                        }
                        continue;
                    }
                    String status = (String) m.get("status");
                    boolean sameGeometry = Boolean.TRUE.equals(m.get("same_geometry"));
                    boolean sameAttributes = Boolean.TRUE.equals(m.get("same_attributes"));
                    if (sameGeometry && sameAttributes) {
                        unchanged++;
                    } else if (FREE_STATUSES.contains(status)) {
                        update.add(r.n());
                    } else if (!sameAttributes) {
                        problems.add(problem(r.n(), r.plotNumber(), "plot_taken", "plot " + r.plotNumber() + " is "
                                + status + ": its land use, price and utilities are not changed by an import", null,
                                null, status));
                        bad.add(r.n());
                    } else if (!options.forceResurvey()) {
                        problems.add(problem(r.n(), r.plotNumber(), "plot_taken", "plot " + r.plotNumber() + " is "
                                + status + ": its geometry changes only with --force-resurvey", null, null, status));
                        bad.add(r.n());
                    } else {
                        resurvey.add(r.n());
                    }
                }
                problems.sort(java.util.Comparator.comparingInt(ImportReport.Problem::feature));
                int invalid = (int) problems.stream().map(ImportReport.Problem::feature).distinct().count();
                List<String> notes = new ArrayList<>();
                if (source.features().isEmpty()) {
                    notes.add("the file has no features");
                }
                phases.mark("matching existing plots");
                String preview = options.preview()
                        ? h.createQuery(PREVIEW).bind("limit", PREVIEW_LIMIT).mapTo(String.class).one() : null;
                boolean refuse = invalid > 0 && !options.skipInvalid();
                int skipped = options.skipInvalid() ? invalid : 0;
                if (refuse) {
                    notes.add("nothing was imported: fix the problems above, or import the valid features only "
                            + "with --skip-invalid");
                    h.rollback();
                    return report("refused", options, fileName, size, sha256, source, sourceSrid, crsSource,
                            mappingShown, 0, 0, 0, 0, invalid, 0, problems, notes, preview);
                }
                phases.mark("preview");
                List<Long> created = h.createQuery(INSERT).bind("estateId", estateId)
                        .bindArray("numbers", Integer.class, create).mapTo(Long.class).list();
                List<Long> updated = h.createQuery(UPDATE).bind("estateId", estateId)
                        .bindArray("numbers", Integer.class, update).mapTo(Long.class).list();
                List<Map<String, Object>> resurveyed = h.createQuery(RESURVEY).bind("estateId", estateId)
                        .bindArray("numbers", Integer.class, resurvey).mapToMap().list();
                phases.mark("insert and update (parcel trigger)");
                if (options.dryRun()) {
                    notes.add("dry run: validated and written in a transaction that was rolled back; nothing changed");
                    h.rollback();
                    return report("dry_run", options, fileName, size, sha256, source, sourceSrid, crsSource,
                            mappingShown, create.size(), update.size(), unchanged, resurvey.size(), invalid, skipped,
                            problems, notes, preview);
                }
                List<Long> ids = new ArrayList<>(created);
                ids.addAll(updated);
                Map<String, Object> details = new TreeMap<>();
                details.put("fileName", fileName);
                details.put("sizeBytes", size);
                details.put("sha256", sha256);
                details.put("format", source.format().label());
                details.put("srid", sourceSrid);
                details.put("features", source.features().size());
                details.put("created", created.size());
                details.put("updated", updated.size());
                details.put("unchanged", unchanged);
                details.put("resurveyed", resurveyed.size());
                details.put("skipped", skipped);
                decisions.append(h, Decision.of(options.actor(), "import.applied", "import", sha256)
                        .withEstate(options.estateCode()).withParcels(ids)
                        .withReason("parcel file imported" + (skipped > 0 ? " with --skip-invalid" : ""))
                        .withPublicDetails(details));
                for (Map<String, Object> r : resurveyed) {
                    long id = ((Number) r.get("id")).longValue();
                    decisions.append(h, Decision.of(options.actor(), "parcel.resurveyed", "parcel", Long.toString(id))
                            .withEstate(options.estateCode()).withParcels(List.of(id))
                            .withTransition((String) r.get("status"), (String) r.get("status"))
                            .withReason("geometry of a taken plot replaced by an import with --force-resurvey")
                            .withPublicDetails(Map.of("plotNumber", r.get("plot_number"), "sha256", sha256)));
                    log.warn("--force-resurvey: plot {} of {} ({}) re-surveyed from {}", r.get("plot_number"),
                            options.estateCode(), r.get("status"), fileName);
                }
                phases.mark("decision log");
                h.commit();
                phases.mark("commit");
                return report("applied", options, fileName, size, sha256, source, sourceSrid, crsSource,
                        mappingShown, created.size(), updated.size(), unchanged, resurveyed.size(), invalid, skipped,
                        problems, notes, preview);
            } catch (StatementException e) {
                h.rollback();
                throw translate(e);
            } catch (RuntimeException e) {
                if (h.isInTransaction()) {
                    h.rollback();
                }
                throw e;
            }
        });
    }

    /** A constraint the database refused at write time (should not pass validation, but the database decides). */
    private static RuntimeException translate(StatementException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().equals("22023"))) {
                String message = sql.getMessage().replaceFirst("(?s)^ERROR: ", "").replaceFirst("(?s)\\n.*", "");
                return new ImportRefused("constraint_violation", "the database refused the import: " + message);
            }
        }
        return e;
    }

    private static void copyRows(Handle h, List<Row> rows, int srid) {
        StringWriter buffer = new StringWriter();
        WKBWriter wkb = new WKBWriter(2, true);
        try (CSVPrinter csv = new CSVPrinter(buffer, CSVFormat.POSTGRESQL_CSV)) {
            for (Row r : rows) {
                Geometry g = r.geom().copy();
                g.setSRID(srid);
                csv.printRecord(r.n(), r.plotNumber(), r.landUse(), r.price(),
                        r.utilities() == null ? null : "{" + String.join(",", r.utilities()) + "}",
                        WKBWriter.toHex(wkb.write(g)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            pg.getCopyAPI().copyIn("COPY import_feature (n, plot_number, land_use, price, utilities, src) "
                    + "FROM STDIN (FORMAT csv)", new StringReader(buffer.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot stage the features: " + e.getMessage(), e);
        }
    }

    private static ImportReport.Problem databaseProblem(int n, String plot, String code, String detail,
            String location, Double amount, String other, int srid) {
        return switch (code) {
            case "invalid_geometry" -> {
                String reason = detail == null ? "invalid geometry" : detail;
                String specific = reason.toLowerCase(Locale.ROOT).contains("self-intersection") ? "self_intersection"
                        : reason.toLowerCase(Locale.ROOT).contains("hole lies outside shell") ? "hole_outside_shell"
                        : reason.toLowerCase(Locale.ROOT).contains("too few points") ? "too_few_points"
                        : "invalid_geometry";
                yield problem(n, plot, specific, "invalid polygon: " + reason + " (coordinates in EPSG:" + srid + ")",
                        location, null, reason);
            }
            case "reprojection_failed" -> problem(n, plot, code, "the coordinates do not fit EPSG:" + srid
                    + " (they cannot be converted to longitude and latitude); is the CRS right?", null, null,
                    Integer.toString(srid));
            case "swapped_coordinates" -> problem(n, plot, code, String.format(Locale.ROOT,
                    "the plot lies %.0f km from the estate; with latitude and longitude swapped it would be near it "
                            + "(GeoJSON and EPSG:4326 files here are longitude first)", amount / 1000), location, amount,
                    null);
            case "outside_extent" -> problem(n, plot, code, String.format(Locale.ROOT,
                    "the plot lies %.0f km from the estate, far outside its extent; is the CRS (EPSG:%d) right?",
                    amount / 1000, srid), location, amount, Integer.toString(srid));
            case "outside_estate" -> problem(n, plot, code, String.format(Locale.ROOT,
                    "%.2f m² of the plot lie outside the estate boundary", amount), location, amount, null);
            case "overlaps_feature" -> problem(n, plot, code, String.format(Locale.ROOT,
                    "overlaps feature %s of the file by %.2f m²", other, amount), location, amount, other);
            case "overlaps_plot" -> problem(n, plot, code, String.format(Locale.ROOT,
                    "overlaps existing plot %s by %.2f m²", other, amount), location, amount, other);
            default -> problem(n, plot, code, code, location);
        };
    }

    private static ImportReport report(String outcome, ImportOptions o, String fileName, long size, String sha256,
            SourceFile source, int srid, String crsSource, Map<String, String> mapping, int created, int updated,
            int unchanged, int resurveyed, int invalid, int skipped, List<ImportReport.Problem> problems,
            List<String> notes, String preview) {
        return new ImportReport(outcome, o.estateCode(), fileName, size, sha256, source.format().label(), srid,
                crsSource, mapping, source.features().size(), created, updated, unchanged, resurveyed, invalid,
                skipped, List.copyOf(problems), List.copyOf(notes), preview);
    }

    private static ImportReport.Problem problem(int n, String plot, String code, String message, String location) {
        return new ImportReport.Problem(n, plot, code, message, location);
    }

    private static ImportReport.Problem problem(int n, String plot, String code, String message, String location,
            Double amount, String other) {
        return new ImportReport.Problem(n, plot, code, message, location, amount, other);
    }

    private static String column(String name, boolean guessed) {
        return name + (guessed ? " (guessed from the column name)" : " (given)");
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the temporary directory {}: {}", dir, e.getMessage());
        }
    }
}

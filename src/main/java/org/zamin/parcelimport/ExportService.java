package org.zamin.parcelimport;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.zamin.db.ReadCursor;
import org.zamin.db.SqlResource;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.estate.EstateRepository;
import org.zamin.io.CsvFormat;
import org.zamin.io.ExportRow;
import org.zamin.io.FeatureWriter;
import org.zamin.io.FileFormat;
import org.zamin.io.FlatGeobufWriter;
import org.zamin.io.GeoJsonWriter;
import org.zamin.io.GeoPackageWriter;
import org.zamin.io.ShapefileFormat;
import org.zamin.metrics.Metrics;

/**
 * Exports the public fields of one estate's plots (or all plots) and records the export: in the decision log when
 * someone signed in (or the operator) made it, in the metrics when a visitor did. The plots are read from a database
 * cursor ({@link ReadCursor}) and written a row at a time, straight to the answer for the formats that can be
 * streamed ({@link #streams}) or to a file for the others: memory does not grow with the number of plots.
 */
public final class ExportService {

    private static final String EXPORT = SqlResource.load("parcelimport/export");
    private static final String SUMMARY = SqlResource.load("parcelimport/export_summary");

    private final Jdbi readJdbi;
    private final DecisionLog decisions;
    private final EstateRepository estates;
    private final Metrics metrics;

    public ExportService(Jdbi readJdbi, DecisionLog decisions, Metrics metrics) {
        this.readJdbi = readJdbi;
        this.estates = new EstateRepository(readJdbi);
        this.decisions = decisions;
        this.metrics = metrics;
    }

    /** What was written: how many plots, the file's size and SHA-256. */
    public record Exported(int plots, long sizeBytes, String sha256) {}

    /** Opens the writer of a file once the rows' count and extent are known (when the format needs them). */
    @FunctionalInterface
    private interface Opener {
        FeatureWriter open(FeatureWriter.Summary summary) throws IOException;
    }

    /** The plots to export: one estate's or all, or rows already chosen (an availability search's). */
    public sealed interface Selection {

        /** The plots of {@code estate}, or every plot; read from a cursor. */
        static Selection plots(Optional<String> estate) {
            return new Estate(estate);
        }

        /** Rows already in memory. */
        static Selection rows(List<ExportRow> rows) {
            return new Rows(rows);
        }
    }

    private record Estate(Optional<String> code) implements Selection {}

    private record Rows(List<ExportRow> rows) implements Selection {}

    /** GeoJSON, CSV and FlatGeobuf (without an index) are written front to back and can go to the client as made. */
    public static boolean streams(FileFormat format) {
        return format == FileFormat.GEOJSON || format == FileFormat.CSV || format == FileFormat.FGB;
    }

    /** Refuses ({@code unknown_estate}) an estate that does not exist; checked before anything is written. */
    public void requireEstate(Optional<String> estate) {
        if (estate.isPresent() && !estates.exists(estate.get())) {
            throw new ImportRefused("unknown_estate", "no estate " + estate.get());
        }
    }

    /** Writes the plots to {@code out} (a new file) and appends {@code export.created} to the decision log. */
    public Exported export(FileFormat format, Optional<String> estate, Path out, Actor actor) {
        requireEstate(estate);
        Exported result = toFile(format, Selection.plots(estate), out);
        recordExport(result, format, estate, Optional.of(actor), out.getFileName().toString(), "parcel export",
                Map.of());
        return result;
    }

    /**
     * Writes {@code selection} to {@code out}, which must be a format that {@link #streams}; answers what was written
     * (its size and SHA-256 counted as it went). {@code out} is flushed, not closed.
     */
    public Exported toStream(FileFormat format, Selection selection, OutputStream out) {
        if (!streams(format)) {
            throw new IllegalArgumentException(format + " is written to a file");
        }
        Measured measured = new Measured(out);
        BufferedOutputStream buffered = new BufferedOutputStream(measured, 1 << 16);
        long plots = pump(selection, needsSummary(format), summary -> streamWriter(format, buffered, summary));
        try {
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exported(Math.toIntExact(plots), measured.bytes, measured.sha256());
    }

    /** Writes {@code selection} to {@code out} (a new file) in {@code format}. */
    public Exported toFile(FileFormat format, Selection selection, Path out) {
        Path work = null;
        try {
            long plots;
            if (format == FileFormat.GPKG) {
                Files.deleteIfExists(out);
                plots = pump(selection, false, summary -> GeoPackageWriter.open(out));
            } else if (format == FileFormat.SHP) {
                Path scratch = Files.createTempDirectory("zamin-export-");
                work = scratch;
                plots = pump(selection, true, summary -> ShapefileFormat.open(out, scratch, summary.count()));
            } else {
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                    plots = pump(selection, needsSummary(format), summary -> streamWriter(format, file, summary));
                }
            }
            return new Exported(Math.toIntExact(plots), Files.size(out), ImportService.sha256(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (work != null) {
                ImportService.deleteTree(work);
            }
        }
    }

    /**
     * Records an export that was written in full: {@code export.created} in the decision log with {@code reason} and
     * {@code extraDetails} (public) for a signed-in {@code actor}; for a visitor only a count in the metrics (anyone
     * could otherwise add permanent entries as fast as they can download).
     */
    public void recordExport(Exported result, FileFormat format, Optional<String> estate, Optional<Actor> actor,
            String fileName, String reason, Map<String, Object> extraDetails) {
        if (actor.isEmpty()) {
            metrics.anonymousExport(format.label());
            return;
        }
        Map<String, Object> details = new TreeMap<>(extraDetails);
        details.put("format", format.label());
        details.put("plots", result.plots());
        details.put("sizeBytes", result.sizeBytes());
        details.put("sha256", result.sha256());
        details.put("fileName", fileName);
        decisions.append(Decision.of(actor.get(), "export.created", "export", result.sha256())
                .withEstate(estate.orElse(null)).withReason(reason)
                .withPublicDetails(details));
    }

    private static boolean needsSummary(FileFormat format) {
        return format == FileFormat.FGB || format == FileFormat.SHP;
    }

    private static FeatureWriter streamWriter(FileFormat format, OutputStream out, FeatureWriter.Summary summary)
            throws IOException {
        return switch (format) {
            case GEOJSON -> GeoJsonWriter.open(out);
            case CSV -> CsvFormat.writer(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            case FGB -> FlatGeobufWriter.open(out, summary);
            default -> throw new IllegalArgumentException(format + " is written to a file");
        };
    }

    /** Feeds the selection's rows to the writer {@code opener} makes, finishes it, and answers how many it wrote. */
    private long pump(Selection selection, boolean summary, Opener opener) {
        try {
            if (selection instanceof Rows r) {
                return writeAll(opener.open(summary ? FeatureWriter.Summary.of(r.rows()) : null), r.rows().iterator());
            }
            Optional<String> estate = ((Estate) selection).code();
            return ReadCursor.read(readJdbi, h -> {
                FeatureWriter.Summary s = summary ? summary(h, estate) : null;
                WKBReader wkb = new WKBReader();
                try (ResultIterator<ExportRow> rows = h.createQuery(EXPORT).bind("estate", estate.orElse(null))
                        .setFetchSize(ReadCursor.FETCH_ROWS).map((rs, ctx) -> row(rs, wkb)).iterator()) {
                    return writeAll(opener.open(s), rows);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long writeAll(FeatureWriter writer, java.util.Iterator<ExportRow> rows) throws IOException {
        long n = 0;
        try {
            while (rows.hasNext()) {
                writer.write(rows.next());
                n++;
            }
            writer.finish();
            return n;
        } catch (IOException | RuntimeException | Error e) {
            writer.abandon();
            throw e;
        }
    }

    private static FeatureWriter.Summary summary(Handle h, Optional<String> estate) {
        return h.createQuery(SUMMARY).bind("estate", estate.orElse(null)).map((rs, ctx) -> {
            long count = rs.getLong("plots");
            return new FeatureWriter.Summary(count, count == 0 ? new Envelope()
                    : new Envelope(rs.getDouble("min_x"), rs.getDouble("max_x"), rs.getDouble("min_y"),
                            rs.getDouble("max_y")));
        }).one();
    }

    private static ExportRow row(ResultSet rs, WKBReader wkb) throws SQLException {
        Array utilities = rs.getArray("utilities");
        try {
            return new ExportRow(rs.getLong("id"), rs.getString("plot_number"), rs.getString("estate"),
                    rs.getString("land_use"), rs.getLong("price_per_m2"), rs.getDouble("area_m2"),
                    rs.getString("status"), List.of((String[]) utilities.getArray()), wkb.read(rs.getBytes("wkb")));
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }

    /** The bytes written through it, counted and hashed on their way to the stream it wraps. */
    private static final class Measured extends FilterOutputStream {

        private final MessageDigest digest;
        private long bytes;

        Measured(OutputStream out) {
            super(out);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            bytes += len;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}

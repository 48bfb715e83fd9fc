package org.zamin.parcelimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.zamin.db.SqlResource;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.estate.EstateRepository;
import org.zamin.io.CsvFormat;
import org.zamin.io.ExportRow;
import org.zamin.io.FileFormat;
import org.zamin.io.FlatGeobufWriter;
import org.zamin.io.GeoJsonWriter;
import org.zamin.io.GeoPackageWriter;
import org.zamin.io.ShapefileFormat;
import org.zamin.metrics.Metrics;

/**
 * Exports the public fields of one estate's plots (or all plots) to a file, and records the export: in the decision
 * log when someone signed in (or the operator) made it, in the metrics when a visitor did.
 */
public final class ExportService {

    private static final String EXPORT = SqlResource.load("parcelimport/export");

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

    /** Writes the plots to {@code out} (a new file) and appends {@code export.created} to the decision log. */
    public Exported export(FileFormat format, Optional<String> estate, Path out, Actor actor) {
        return write(format, rowsOf(estate), estate, out, actor, "parcel export", Map.of());
    }

    /**
     * Writes the plots to {@code out} (a new file) for a visitor: the same file, counted in the metrics and not
     * written to the decision log (anyone could otherwise add permanent entries as fast as they can download).
     */
    public Exported exportForVisitor(FileFormat format, Optional<String> estate, Path out) {
        Exported result = writeFile(format, rowsOf(estate), out);
        metrics.anonymousExport(format.label());
        return result;
    }

    private List<ExportRow> rowsOf(Optional<String> estate) {
        if (estate.isPresent() && !estates.exists(estate.get())) {
            throw new ImportRefused("unknown_estate", "no estate " + estate.get());
        }
        return rows(estate);
    }

    /**
     * Writes {@code rows} to {@code out} (a new file) in {@code format} with the shared writers, and appends
     * {@code export.created} to the decision log with {@code reason} and {@code extraDetails} (public) added.
     */
    public Exported write(FileFormat format, List<ExportRow> rows, Optional<String> estate, Path out, Actor actor,
            String reason, Map<String, Object> extraDetails) {
        Exported result = writeFile(format, rows, out);
        Map<String, Object> details = new TreeMap<>(extraDetails);
        details.put("format", format.label());
        details.put("plots", result.plots());
        details.put("sizeBytes", result.sizeBytes());
        details.put("sha256", result.sha256());
        details.put("fileName", out.getFileName().toString());
        decisions.append(Decision.of(actor, "export.created", "export", result.sha256())
                .withEstate(estate.orElse(null)).withReason(reason)
                .withPublicDetails(details));
        return result;
    }

    /** Writes {@code rows} to {@code out} (a new file) in {@code format} with the shared writers. */
    private static Exported writeFile(FileFormat format, List<ExportRow> rows, Path out) {
        Path work = null;
        try {
            switch (format) {
                case GEOJSON -> {
                    try (OutputStream o = Files.newOutputStream(out)) {
                        GeoJsonWriter.write(rows, o);
                    }
                }
                case CSV -> {
                    try (Writer w = new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8)) {
                        CsvFormat.write(rows, w);
                    }
                }
                case GPKG -> {
                    Files.deleteIfExists(out);
                    GeoPackageWriter.write(rows, out);
                }
                case FGB -> {
                    try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
                        FlatGeobufWriter.write(rows, o);
                    }
                }
                case SHP -> {
                    work = Files.createTempDirectory("zamin-export-");
                    ShapefileFormat.write(rows, out, work);
                }
            }
            return new Exported(rows.size(), Files.size(out), ImportService.sha256(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (work != null) {
                ImportService.deleteTree(work);
            }
        }
    }

    private List<ExportRow> rows(Optional<String> estate) {
        return readJdbi.withHandle(h -> h.createQuery(EXPORT).bind("estate", estate.orElse(null)).map((rs, ctx) -> {
            Array utilities = rs.getArray("utilities");
            try {
                return new ExportRow(rs.getLong("id"), rs.getString("plot_number"), rs.getString("estate"),
                        rs.getString("land_use"), rs.getLong("price_per_m2"), rs.getDouble("area_m2"),
                        rs.getString("status"), new ArrayList<>(Arrays.asList((String[]) utilities.getArray())),
                        new WKBReader().read(rs.getBytes("wkb")));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }).list());
    }
}

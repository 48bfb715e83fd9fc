package org.zamin.parcelimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.decision.DecisionLog;
import org.zamin.io.FileFormat;
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

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final Vocabulary vocabulary;

    public ImportService(Jdbi jdbi, DecisionLog decisions) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.vocabulary = Vocabulary.load(jdbi);
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
            ImportReport report = importSource(ImportRun.of(source, fileName, size, sha256, options), phases);
            log.info("import phases: {} ({} features, {})", phases, report.features(), report.outcome());
            return report;
        } finally {
            deleteTree(work);
        }
    }

    /** Checks in Java, then in one transaction: staging, database checks, classification, apply (or roll back). */
    private ImportReport importSource(ImportRun run, Phases phases) {
        FeatureChecks.Result checked = FeatureChecks.check(run.source().features(), run.mapping(), vocabularies());
        phases.mark("checks in Java");
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                return validateAndApply(h, run, checked, phases);
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

    /** The vocabularies a file's land uses and utilities are checked against. */
    private FeatureChecks.Vocabularies vocabularies() {
        return new FeatureChecks.Vocabularies(vocabulary.landUses(), vocabulary.utilities());
    }

    /** Stages the checked rows, adds the database's problems, classifies, then refuses, rolls back or commits. */
    private ImportReport validateAndApply(Handle h, ImportRun run, FeatureChecks.Result checked, Phases phases) {
        ImportOptions options = run.options();
        ImportStaging staging = ImportStaging.open(h, options.estateCode(), run.srid());
        staging.lockEstate();
        phases.mark("lock");
        staging.stage(checked.rows());
        phases.mark("staging (COPY)");
        staging.reproject();
        phases.mark("reprojection and validity");
        List<ImportReport.Problem> problems = new ArrayList<>(checked.problems());
        problems.addAll(staging.problems(checked.plotOf()));
        phases.mark("problems (extent, boundary, overlaps)");

        Set<Integer> bad = new HashSet<>();
        problems.forEach(p -> bad.add(p.feature()));
        Classification plan = Classification.of(checked.rows(), staging.matches(), bad, options.forceResurvey());
        problems.addAll(plan.problems());
        problems.sort(Comparator.comparingInt(ImportReport.Problem::feature));
        int invalid = (int) problems.stream().map(ImportReport.Problem::feature).distinct().count();
        List<String> notes = new ArrayList<>();
        if (run.source().features().isEmpty()) {
            notes.add("the file has no features");
        }
        phases.mark("matching existing plots");
        String preview = options.preview() ? staging.preview() : null;
        if (invalid > 0 && !options.skipInvalid()) {
            notes.add("nothing was imported: fix the problems above, or import the valid features only "
                    + "with --skip-invalid");
            h.rollback();
            return run.report("refused", new ImportRun.Counts(0, 0, 0, 0, invalid, 0), problems, notes, preview);
        }
        int skipped = options.skipInvalid() ? invalid : 0;
        phases.mark("preview");
        ImportApply.Written written = ImportApply.write(h, staging.estateId(), plan);
        phases.mark("insert and update (parcel trigger)");
        if (options.dryRun()) {
            notes.add("dry run: validated and written in a transaction that was rolled back; nothing changed");
            h.rollback();
            return run.report("dry_run", new ImportRun.Counts(plan.create().size(), plan.update().size(),
                    plan.unchanged(), plan.resurvey().size(), invalid, skipped), problems, notes, preview);
        }
        ImportApply.logDecisions(h, decisions, run, written, plan.unchanged(), skipped);
        phases.mark("decision log");
        h.commit();
        phases.mark("commit");
        return run.report("applied", new ImportRun.Counts(written.created().size(), written.updated().size(),
                plan.unchanged(), written.resurveyed().size(), invalid, skipped), problems, notes, preview);
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

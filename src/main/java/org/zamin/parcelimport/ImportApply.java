package org.zamin.parcelimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.db.SqlResource;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.SystemReason;

/**
 * Writes a classified import from the staging table, inside the import's transaction: new plots, updates of free
 * plots, re-surveys of taken ones; then the decision-log entries (the import, and each re-survey).
 */
final class ImportApply {

    private static final Logger log = LoggerFactory.getLogger(ImportApply.class);

    private static final String INSERT = SqlResource.load("parcelimport/insert");
    private static final String UPDATE = SqlResource.load("parcelimport/update");
    private static final String RESURVEY = SqlResource.load("parcelimport/resurvey");

    /** One re-surveyed plot: its id, number and (unchanged) status. */
    record Resurveyed(long id, String plotNumber, String status) {}

    /** What the writes did: plot ids created and updated, and the plots re-surveyed. */
    record Written(List<Long> created, List<Long> updated, List<Resurveyed> resurveyed) {}

    private ImportApply() {}

    /** Inserts, updates and re-surveys the features {@code plan} chose, from the staging table. */
    static Written write(Handle h, int estateId, Classification plan) {
        List<Long> created = h.createQuery(INSERT).bind("estateId", estateId)
                .bindArray("numbers", Integer.class, plan.create()).mapTo(Long.class).list();
        List<Long> updated = h.createQuery(UPDATE).bind("estateId", estateId)
                .bindArray("numbers", Integer.class, plan.update()).mapTo(Long.class).list();
        List<Resurveyed> resurveyed = h.createQuery(RESURVEY).bind("estateId", estateId)
                .bindArray("numbers", Integer.class, plan.resurvey())
                .map((rs, ctx) -> new Resurveyed(rs.getLong("id"), rs.getString("plot_number"), rs.getString("status")))
                .list();
        return new Written(created, updated, resurveyed);
    }

    /** Logs the import (public details: the file and the counts) and each re-survey, in the same transaction. */
    static void logDecisions(Handle h, DecisionLog decisions, ImportRun run, Written w, int unchanged, int skipped) {
        ImportOptions options = run.options();
        List<Long> ids = new ArrayList<>(w.created());
        ids.addAll(w.updated());
        Map<String, Object> details = new TreeMap<>();
        details.put("fileName", run.fileName());
        details.put("sizeBytes", run.sizeBytes());
        details.put("sha256", run.sha256());
        details.put("format", run.source().format().label());
        details.put("srid", run.srid());
        details.put("features", run.source().features().size());
        details.put("created", w.created().size());
        details.put("updated", w.updated().size());
        details.put("unchanged", unchanged);
        details.put("resurveyed", w.resurveyed().size());
        details.put("skipped", skipped);
        decisions.append(h, Decision.of(options.actor(), "import.applied", "import", run.sha256())
                .withEstate(options.estateCode()).withParcels(ids)
                .withReason((skipped > 0 ? SystemReason.PARCEL_FILE_IMPORTED_SKIPPING_INVALID
                        : SystemReason.PARCEL_FILE_IMPORTED).text())
                .withPublicDetails(details));
        for (Resurveyed r : w.resurveyed()) {
            decisions.append(h, Decision.of(options.actor(), "parcel.resurveyed", "parcel", Long.toString(r.id()))
                    .withEstate(options.estateCode()).withParcels(List.of(r.id()))
                    .withTransition(r.status(), r.status())
                    .withReason(SystemReason.TAKEN_PLOT_RESURVEYED.text())
                    .withPublicDetails(Map.of("plotNumber", r.plotNumber(), "sha256", run.sha256())));
            log.warn("--force-resurvey: plot {} of {} ({}) re-surveyed from {}", r.plotNumber(),
                    options.estateCode(), r.status(), run.fileName());
        }
    }
}

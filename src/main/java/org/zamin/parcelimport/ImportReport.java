package org.zamin.parcelimport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an import found and did: the file, its CRS, the attribute mapping, counts, and every problem per feature.
 * {@code outcome} is {@code applied}, {@code dry_run} (validated, nothing written) or {@code refused} (nothing
 * written because of the problems listed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String outcome, String estate, String fileName, long sizeBytes, String sha256,
        String format, int srid, String crsSource, Map<String, String> mapping, int features, int created,
        int updated, int unchanged, int resurveyed, int invalid, int skipped, List<Problem> problems,
        List<String> notes, @JsonRawValue String preview) {

    /**
     * One problem of one feature: its number in the file, plot number, stable code, English message, location (WKT),
     * and for the page's translated text the figure ({@code amount}: m², metres or a count) and the value or other
     * party ({@code other}: the bad value, the other feature or plot, the plot's status) the message names.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(int feature, String plotNumber, String code, String message, String location, Double amount,
            String other) {

        public Problem(int feature, String plotNumber, String code, String message, String location) {
            this(feature, plotNumber, code, message, location, null, null);
        }
    }

    public boolean applied() {
        return "applied".equals(outcome);
    }

    /** The report as a surveyor reads it in a terminal. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %s (%s, %d bytes, sha256 %s)%n", outcome.toUpperCase(Locale.ROOT)
                .replace('_', ' '), fileName, format, sizeBytes, sha256));
        s.append(String.format(Locale.ROOT, "estate %s, source CRS EPSG:%d (%s)%n", estate, srid, crsSource));
        mapping.forEach((k, v) -> s.append("  ").append(k).append(" ← ").append(v).append('\n'));
        s.append(String.format(Locale.ROOT, "%d features: %d new, %d updated, %d unchanged, %d re-surveyed, "
                + "%d invalid, %d skipped%n", features, created, updated, unchanged, resurveyed, invalid, skipped));
        for (Problem p : problems) {
            s.append(String.format(Locale.ROOT, "  #%d%s %s: %s%s%n", p.feature(),
                    p.plotNumber() == null ? "" : " (plot " + p.plotNumber() + ")", p.code(), p.message(),
                    p.location() == null ? "" : " at " + p.location()));
        }
        notes.forEach(n -> s.append("note: ").append(n).append('\n'));
        return s.toString();
    }
}

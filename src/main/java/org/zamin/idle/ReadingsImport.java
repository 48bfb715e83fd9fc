package org.zamin.idle;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.Visibility;
import org.zamin.allocation.AllocationAccess;
import org.zamin.db.SqlResource;
import org.zamin.domain.Forbidden;

/**
 * Imports monthly utility readings from CSV ({@code allocation,month,electricity_kwh,water_m3}; month as
 * {@code YYYY-MM}; water optional). Good rows are upserted and bad rows reported with their line numbers; with
 * {@code strict}, one bad row imports nothing. An officer imports only for allocations in the estates they manage:
 * one row for another estate's allocation refuses the whole file (403), nothing written.
 */
public final class ReadingsImport {

    private static final String ACTIVE_ALLOCATIONS = SqlResource.load("idle/active_allocations");
    private static final String UPSERT_READING = SqlResource.load("idle/upsert_reading");

    /** At most this many rows per import. */
    public static final int MAX_ROWS = 200_000;

    private final Jdbi jdbi;
    private final Clock clock;

    public ReadingsImport(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One rejected row: its line in the file and why. */
    /**
     * A refused line: its number (1 is the header, 0 the whole file), a code and its parameters for the reader's
     * language ({@code readings.error.CODE} in {@code web/i18n}), and the same in English for logs and the command line.
     */
    public record RowError(long line, String code, Map<String, Object> params, String message) {}

    private static RowError error(long line, String code, String message, Object... params) {
        Map<String, Object> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            named.put((String) params[i], params[i + 1]);
        }
        return new RowError(line, code, named, message);
    }

    /** The import's report. */
    public record Report(int rows, int imported, List<RowError> errors, boolean strict) {}

    private record Reading(long line, long allocation, YearMonth month, long kwh, Long water) {}

    /** Imports as {@code who} (an officer: their estates' allocations only; {@link Visibility#OPERATOR}: any). */
    public Report run(Visibility who, Reader csv, boolean strict) {
        AllocationAccess.requireStaff(who);
        List<Reading> good = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        int rows = 0;
        Set<String> seen = new HashSet<>();
        try {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .setIgnoreEmptyLines(true).get().parse(csv);
            for (String required : List.of("allocation", "month", "electricity_kwh")) {
                if (!parser.getHeaderMap().containsKey(required)) {
                    errors.add(error(1, "missing_column", "missing column " + required, "column", required));
                }
            }
            if (!errors.isEmpty()) {
                return new Report(0, 0, errors, strict);
            }
            for (CSVRecord r : parser) {
                rows++;
                if (rows > MAX_ROWS) {
                    errors.add(error(r.getRecordNumber() + 1, "too_many_rows", "more than " + MAX_ROWS + " rows",
                            "max", MAX_ROWS));
                    break;
                }
                long line = r.getRecordNumber() + 1; // the header is line 1
                try {
                    long allocation = Long.parseLong(r.get("allocation"));
                    YearMonth month = YearMonth.parse(r.get("month"));
                    long kwh = Long.parseLong(r.get("electricity_kwh"));
                    String w = r.isMapped("water_m3") && r.isSet("water_m3") ? r.get("water_m3") : "";
                    Long water = w.isEmpty() ? null : Long.parseLong(w);
                    if (kwh < 0 || (water != null && water < 0)) {
                        errors.add(error(line, "negative", "readings must not be negative"));
                    } else if (month.isAfter(YearMonth.now(clock))) {
                        errors.add(error(line, "future_month", "month " + month + " is in the future",
                                "month", month.toString()));
                    } else if (!seen.add(allocation + "/" + month)) {
                        errors.add(error(line, "twice", "allocation " + allocation + " has " + month + " twice",
                                "allocation", allocation, "month", month.toString()));
                    } else {
                        good.add(new Reading(line, allocation, month, kwh, water));
                    }
                } catch (NumberFormatException e) {
                    errors.add(error(line, "not_whole_number", "not a whole number: " + e.getMessage()));
                } catch (DateTimeParseException e) {
                    errors.add(error(line, "invalid_month", "month must be YYYY-MM, got '" + r.get("month") + "'",
                            "value", r.get("month")));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    errors.add(error(line, "too_few_columns", "too few columns"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            errors.add(error(0, "unreadable", "not readable as CSV: " + e.getMessage()));
            return new Report(rows, 0, errors, strict);
        }
        if (good.isEmpty()) {
            return new Report(rows, 0, errors, strict);
        }
        int[] imported = {0};
        jdbi.useTransaction(h -> {
            Map<Long, String> estateOf = new HashMap<>();
            h.createQuery(ACTIVE_ALLOCATIONS)
                    .bindArray("ids", Long.class, good.stream().map(Reading::allocation).distinct().toList())
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("estate_code")))
                    .forEach(e -> estateOf.put(e.getKey(), e.getValue()));
            refuseOtherEstates(who, estateOf);
            Set<Long> known = estateOf.keySet();
            List<Reading> ok = new ArrayList<>();
            for (Reading g : good) {
                if (known.contains(g.allocation())) {
                    ok.add(g);
                }
            }
            if (ok.size() < good.size()) {
                errors.addAll(unknownAllocationLines(good, known));
                errors.sort(java.util.Comparator.comparingLong(RowError::line));
            }
            if (strict && !errors.isEmpty()) {
                return;
            }
            var batch = h.prepareBatch(UPSERT_READING);
            OffsetDateTime now = OffsetDateTime.now(clock);
            for (Reading g : ok) {
                batch.bind("a", g.allocation()).bind("m", g.month().atDay(1)).bind("k", g.kwh()).bind("w", g.water())
                        .bind("at", now).add();
            }
            batch.execute();
            imported[0] = ok.size();
        });
        if (strict && !errors.isEmpty()) {
            return new Report(rows, 0, errors, true);
        }
        return new Report(rows, imported[0], errors, strict);
    }

    /** 403 when any allocation of the file lies in an estate {@code who} does not manage. */
    private static void refuseOtherEstates(Visibility who, Map<Long, String> estateOf) {
        estateOf.entrySet().stream().filter(e -> !who.seesEstate(e.getValue())).findFirst().ifPresent(e -> {
            throw new Forbidden("allocation " + e.getKey() + " is not in an estate you manage; nothing was imported");
        });
    }

    private static List<RowError> unknownAllocationLines(List<Reading> good, Set<Long> known) {
        List<RowError> out = new ArrayList<>();
        for (Reading g : good) {
            if (!known.contains(g.allocation())) {
                out.add(error(g.line(), "no_active_allocation", "no active allocation " + g.allocation(),
                        "allocation", g.allocation()));
            }
        }
        return out;
    }
}

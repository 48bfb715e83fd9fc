package org.zamin.ogc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** An OGC {@code datetime} value: an instant, a date (that whole UTC day) or an interval with open ends {@code ..}. */
public record Interval(Optional<Instant> from, Optional<Instant> to) {

    /** Parses {@code 2024-05-01}, {@code 2024-05-01T10:00:00Z}, {@code a/b}, {@code ../b}, {@code a/..}. */
    public static Interval parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length == 1) {
            if (parts[0].length() == 10) {
                Instant start = start(parts[0]);
                return new Interval(Optional.of(start), Optional.of(start.plusSeconds(86_399)));
            }
            Instant at = start(parts[0]);
            return new Interval(Optional.of(at), Optional.of(at));
        }
        if (parts.length != 2) {
            throw new IllegalArgumentException("must be an instant or start/end");
        }
        Optional<Instant> from = open(parts[0]) ? Optional.empty() : Optional.of(start(parts[0]));
        Optional<Instant> to = open(parts[1]) ? Optional.empty()
                : Optional.of(parts[1].length() == 10 ? start(parts[1]).plusSeconds(86_399) : start(parts[1]));
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("must not end before it starts");
        }
        return new Interval(from, to);
    }

    private static boolean open(String s) {
        return s.isEmpty() || s.equals("..");
    }

    private static Instant start(String s) {
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("has an unreadable date or time '" + s + "' (RFC 3339 expected)");
        }
    }
}

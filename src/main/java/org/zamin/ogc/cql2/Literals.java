package org.zamin.ogc.cql2;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.zamin.domain.Malformed;

/** Reads the literals both encodings share: dates, timestamps, interval ends and geometries (checked with JTS). */
final class Literals {

    private Literals() {}

    static Malformed invalid(String problem) {
        return Malformed.parameter("filter", problem);
    }

    /** How deep brackets may nest in a filter: deeper would only exhaust the parser's stack or PostgreSQL's. */
    static final int MAX_NESTING = 64;

    /** Refuses a filter whose brackets ({@code (}, {@code [}, <code>{</code>) outside quotes nest too deep. */
    static void checkNesting(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    throw invalid("nests brackets deeper than " + MAX_NESTING + " levels");
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
    }

    static Expression.Date date(String text) {
        try {
            return new Expression.Date(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw invalid("has a DATE that is not a date (YYYY-MM-DD): '" + text + "'");
        }
    }

    static Expression.Timestamp timestamp(String text) {
        try {
            return new Expression.Timestamp(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid("has a TIMESTAMP that is not an RFC 3339 date-time with a zone: '" + text + "'");
        }
    }

    /** An interval end: {@code ..} (open), a date (its start, or its end when {@code end}) or a timestamp. */
    static Optional<Instant> intervalEnd(String text, boolean end) {
        if (text.equals("..") || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() == 10) {
            Instant start = date(text).value().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            return Optional.of(end ? start.plusSeconds(86_399) : start);
        }
        return Optional.of(timestamp(text).value());
    }

    static Expression.Interval interval(String from, String to) {
        var i = new Expression.Interval(intervalEnd(from, false), intervalEnd(to, true));
        if (i.from().isPresent() && i.to().isPresent() && i.from().get().isAfter(i.to().get())) {
            throw invalid("has an INTERVAL that ends before it starts");
        }
        return i;
    }

    /** A WKT geometry, read by JTS so that a ring that does not close or a point short of a coordinate is a 400. */
    static Expression.Geometry geometry(String wkt) {
        try {
            var g = new WKTReader(new GeometryFactory()).read(wkt);
            return new Expression.Geometry(new WKTWriter(3).write(g));
        } catch (ParseException | IllegalArgumentException e) {
            throw invalid("has a geometry that is not valid: " + e.getMessage());
        }
    }

    /** {@code BBOX(minx, miny, maxx, maxy)} or its six-number 3D form, as a polygon. */
    static Expression.Geometry bbox(List<Double> v) {
        if (v.size() != 4 && v.size() != 6) {
            throw invalid("has a BBOX with " + v.size() + " numbers (4 or 6 expected)");
        }
        int half = v.size() / 2;
        if (v.get(0) > v.get(half) || v.get(1) > v.get(half + 1)) {
            throw invalid("has a BBOX whose minimum exceeds its maximum");
        }
        var box = new GeometryFactory().toGeometry(new Envelope(v.get(0), v.get(half), v.get(1), v.get(half + 1)));
        return new Expression.Geometry(new WKTWriter(2).write(box));
    }
}

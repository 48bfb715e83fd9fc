package org.zamin.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.zamin.domain.Text;
import org.zamin.domain.WholeNumber;
import org.zamin.spatial.BoundingBox;

/** Reads query parameters, turning every malformed one into a 400 that names it. */
public final class Params {

    /** The longest query parameter read (a search polygon's WKT is the longest kind). */
    private static final int MAX_LENGTH = 100_000;

    private Params() {}

    /**
     * A query parameter's text, trimmed; empty when missing or blank. A control character in it (a NUL byte the
     * database could not even compare) is a 400 naming the parameter.
     */
    public static Optional<String> text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Text.problem(value, Text.Kind.PARAGRAPH, MAX_LENGTH).ifPresent(problem -> {
            throw invalid(name, problem);
        });
        return Optional.of(value.trim());
    }

    public static Optional<Double> number(Context ctx, String name) {
        return text(ctx, name).map(v -> {
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw invalid(name, "must be a finite number");
                }
                return d;
            } catch (NumberFormatException e) {
                throw invalid(name, "must be a number, got '" + v + "'");
            }
        });
    }

    public static Optional<Integer> integer(Context ctx, String name) {
        return text(ctx, name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(name, "must be a whole number, got '" + v + "'");
            }
        });
    }

    public static Optional<Long> longValue(Context ctx, String name) {
        return text(ctx, name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw invalid(name, "must be a whole number, got '" + v + "'");
            }
        });
    }

    /** A comma-separated list whose every item must be one of {@code allowed}. */
    public static List<String> list(Context ctx, String name, Set<String> allowed) {
        List<String> values = text(ctx, name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList())
                .orElse(List.of());
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw invalid(name, "has unknown value '" + value + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return values;
    }

    public static Optional<BoundingBox> bbox(Context ctx, String name) {
        return text(ctx, name).map(v -> {
            try {
                return BoundingBox.parse(v);
            } catch (IllegalArgumentException e) {
                throw invalid(name, e.getMessage());
            }
        });
    }

    /** A path parameter that must be a positive whole number. */
    public static long id(Context ctx, String name) {
        String value = ctx.pathParam(name);
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw invalid(name, "must be a positive whole number, got '" + value + "'");
    }

    /** The text with Persian (۰–۹) and Arabic-Indic (٠–٩) digits replaced by ASCII digits, so either may be typed. */
    public static String latinDigits(String text) {
        return WholeNumber.latinDigits(text);
    }

    private static ApiException invalid(String name, String problem) {
        return ApiException.invalidParameter(name, problem);
    }
}

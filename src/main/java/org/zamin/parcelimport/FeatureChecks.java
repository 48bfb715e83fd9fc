package org.zamin.parcelimport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zamin.domain.Text;
import org.zamin.io.SourceFeature;
import org.zamin.parcelimport.ImportReport.Problem;

/**
 * The checks of one file's features that need no database, each a pure function: plot number, land use, price,
 * utilities, geometry type, and plot numbers repeated within the file. Each returns the value it accepted and the
 * problems it found; {@link #check} runs them all in the order the report lists them.
 */
public final class FeatureChecks {

    private FeatureChecks() {}

    /**
     * The value one check read (null = not given or unreadable) and the problem it found, if any; a value that breaks
     * a rule is still kept, since the report and the preview show it.
     */
    public record Checked<T>(T value, Optional<Problem> problem) {

        static <T> Checked<T> ok(T value) {
            return new Checked<>(value, Optional.empty());
        }

        static <T> Checked<T> refused(Problem problem) {
            return new Checked<>(null, Optional.of(problem));
        }

        /**
         * The value when the check found no problem, else null: only accepted values are staged, so text the rules
         * refuse (a NUL byte, a control character) never reaches the database, which could not store it.
         */
        T accepted() {
            return problem.isPresent() ? null : value;
        }
    }

    /** The vocabularies a file's land uses and utilities must come from. */
    public record Vocabularies(Set<String> landUses, Set<String> utilities) {}

    /** A feature that passed the checks in Java, ready for staging: mapped attributes (null = not given), polygon. */
    public record Row(int n, String plotNumber, String landUse, Long price, List<String> utilities, Polygon geom) {}

    /** What the checks kept and found: the rows to stage, every problem, and each feature's plot number. */
    public record Result(List<Row> rows, List<Problem> problems, Map<Integer, String> plotOf) {}

    /** Runs every check on every feature, then the duplicate check over the file. */
    public static Result check(List<SourceFeature> features, AttributeMapping mapping, Vocabularies vocabularies) {
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<Integer, String> plotOf = new LinkedHashMap<>();
        for (SourceFeature f : features) {
            int n = f.number();
            Checked<String> plot = plotNumber(n, f.attributes().get(mapping.plotNumber()), mapping.plotNumber());
            String p = plot.value();
            plotOf.put(n, p);
            plot.problem().ifPresent(problems::add);
            Checked<String> landUse = landUse(n, p, mapping.landUse().map(f.attributes()::get).orElse(null),
                    vocabularies.landUses());
            landUse.problem().ifPresent(problems::add);
            Checked<Long> price = price(n, p, mapping.price().map(f.attributes()::get).orElse(null));
            price.problem().ifPresent(problems::add);
            Checked<List<String>> utilities = utilities(n, p,
                    mapping.utilities().map(f.attributes()::get).orElse(null), vocabularies.utilities());
            utilities.problem().ifPresent(problems::add);
            Checked<Polygon> geom = polygon(f, p);
            geom.problem().ifPresent(problems::add);
            if (geom.value() != null) {
                rows.add(new Row(n, plot.accepted(), landUse.accepted(), price.accepted(), utilities.accepted(),
                        geom.value()));
            }
        }
        problems.addAll(duplicatePlotNumbers(plotOf));
        return new Result(rows, problems, plotOf);
    }

    /**
     * The plot number of feature {@code n} from its raw text: required, and a {@link Text.Kind#IDENTIFIER} of 1 to
     * {@link Text#PLOT_NUMBER_MAX} characters. A refused number is still the feature's plot number in the report.
     */
    public static Checked<String> plotNumber(int n, String raw, String column) {
        String plot = trimmed(raw);
        if (plot == null) {
            return Checked.refused(new Problem(n, null, "missing_plot_number", "no plot number in column " + column,
                    null, null, column));
        }
        Optional<String> problem = Text.problem(plot, Text.Kind.IDENTIFIER, Text.PLOT_NUMBER_MAX);
        if (problem.isPresent()) {
            return new Checked<>(plot, Optional.of(new Problem(n, plot, "bad_plot_number",
                    "the plot number " + problem.get() + "; a plot number has 1 to " + Text.PLOT_NUMBER_MAX
                            + " characters, none of them a control character or one of < > \" ' ` \\", null)));
        }
        return Checked.ok(plot);
    }

    /** The land use (lower case) when given; it must be one of {@code landUses}. */
    public static Checked<String> landUse(int n, String plot, String raw, Set<String> landUses) {
        String landUse = trimmed(raw);
        if (landUse == null) {
            return Checked.ok(null);
        }
        landUse = landUse.toLowerCase(Locale.ROOT);
        if (!landUses.contains(landUse)) {
            return new Checked<>(landUse, Optional.of(new Problem(n, plot, "bad_land_use", "land use '" + landUse
                    + "' is not one of " + new TreeSet<>(landUses), null, null, landUse)));
        }
        return Checked.ok(landUse);
    }

    /** The price per m² when given: a whole non-negative number. */
    public static Checked<Long> price(int n, String plot, String raw) {
        String text = trimmed(raw);
        if (text == null) {
            return Checked.ok(null);
        }
        try {
            long price = new BigDecimal(text).longValueExact();
            if (price >= 0) {
                return Checked.ok(price);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below
        }
        return Checked.refused(new Problem(n, plot, "bad_price", "price per m² '" + text
                + "' is not a whole non-negative number", null, null, text));
    }

    /**
     * The utilities when given, as a list of distinct lower-case names (brackets, braces and quotes ignored; comma,
     * semicolon or space separated); each must be one of {@code known}.
     */
    public static Checked<List<String>> utilities(int n, String plot, String raw, Set<String> known) {
        if (raw == null) {
            return Checked.ok(null);
        }
        List<String> utilities = Arrays.stream(raw.replaceAll("[\\[\\]{}\"]", "").split("[,;\\s]+"))
                .map(u -> u.trim().toLowerCase(Locale.ROOT)).filter(u -> !u.isEmpty()).distinct().toList();
        List<String> unknown = utilities.stream().filter(u -> !known.contains(u)).toList();
        if (!unknown.isEmpty()) {
            return new Checked<>(utilities, Optional.of(new Problem(n, plot, "bad_utilities", "unknown utilities "
                    + unknown + "; known: " + new TreeSet<>(known), null, null, String.join(", ", unknown))));
        }
        return Checked.ok(utilities);
    }

    /**
     * The feature's geometry as one polygon: a reader's problem is passed on, a one-part MultiPolygon is unwrapped,
     * more parts or another type are refused.
     */
    public static Checked<Polygon> polygon(SourceFeature f, String plot) {
        if (f.problem() != null) {
            return Checked.refused(new Problem(f.number(), plot, f.problem().code(), f.problem().message(),
                    f.problem().locationWkt()));
        }
        Geometry g = f.geometry();
        if (g instanceof MultiPolygon mp && mp.getNumGeometries() == 1) {
            g = mp.getGeometryN(0);
        }
        if (g instanceof MultiPolygon mp) {
            return Checked.refused(new Problem(f.number(), plot, "multi_polygon", "a plot is one polygon; this "
                    + "feature has " + mp.getNumGeometries() + " parts", null, (double) mp.getNumGeometries(), null));
        }
        if (!(g instanceof Polygon polygon)) {
            return Checked.refused(new Problem(f.number(), plot, "not_polygon", "a plot must be a Polygon, not a "
                    + g.getGeometryType(), null, null, g.getGeometryType()));
        }
        for (var c : polygon.getCoordinates()) {
            if (!Double.isFinite(c.getX()) || !Double.isFinite(c.getY())) {
                return Checked.refused(new Problem(f.number(), plot, "unreadable_geometry",
                        "a coordinate is not a number (NaN or infinite)", null));
            }
        }
        return Checked.ok(polygon);
    }

    /** Every feature whose plot number appears more than once in the file, in the order of first appearance. */
    public static List<Problem> duplicatePlotNumbers(Map<Integer, String> plotOf) {
        Map<String, List<Integer>> byPlot = new LinkedHashMap<>();
        plotOf.forEach((n, plot) -> {
            if (plot != null) {
                byPlot.computeIfAbsent(plot, k -> new ArrayList<>()).add(n);
            }
        });
        List<Problem> problems = new ArrayList<>();
        byPlot.forEach((plot, numbers) -> {
            if (numbers.size() > 1) {
                for (int n : numbers) {
                    problems.add(new Problem(n, plot, "duplicate_plot_number", "plot number " + plot + " appears "
                            + numbers.size() + " times in the file (features " + numbers + ")", null,
                            (double) numbers.size(), null));
                }
            }
        });
        return problems;
    }

    static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

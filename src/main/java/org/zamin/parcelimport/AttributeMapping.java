package org.zamin.parcelimport;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which file columns hold the plot number, land use, price per m² and utilities: named by the caller or guessed
 * from common column names. {@code guessed} tells the report which were guesses.
 */
public record AttributeMapping(String plotNumber, Optional<String> landUse, Optional<String> price,
        Optional<String> utilities, List<String> guessed) {

    static final List<String> PLOT_NAMES = List.of("plotno", "plotnumber", "plotnum", "plotid", "plot", "parcelno",
            "parcelnumber", "parcelnum", "parcel", "parcelid", "lotno", "lot", "number", "no", "num", "pin");
    static final List<String> LAND_USE_NAMES = List.of("landuse", "use", "usage", "zoning", "lu", "kind", "type");
    static final List<String> PRICE_NAMES = List.of("pricem2", "priceperm2", "pricepersqm", "unitprice", "price",
            "rate");
    static final List<String> UTILITY_NAMES = List.of("utilities", "utility", "services");

    /** Resolves the mapping against the file's columns; a named column that is not there is an error. */
    static AttributeMapping resolve(List<String> fields, Optional<String> plot, Optional<String> landUse,
            Optional<String> price) {
        List<String> guessed = new java.util.ArrayList<>();
        String plotColumn = named(fields, plot, "--plot-number-field")
                .or(() -> guess(fields, PLOT_NAMES).map(c -> note(guessed, "plotNumber", c)))
                .orElseThrow(() -> new ImportRefused("no_plot_number_field",
                        "no column looks like a plot number (columns: " + fields
                                + "); name it with --plot-number-field"));
        Optional<String> landUseColumn = named(fields, landUse, "--land-use-field")
                .or(() -> guess(fields, LAND_USE_NAMES).map(c -> note(guessed, "landUse", c)));
        Optional<String> priceColumn = named(fields, price, "--price-field")
                .or(() -> guess(fields, PRICE_NAMES).map(c -> note(guessed, "price", c)));
        Optional<String> utilityColumn = guess(fields, UTILITY_NAMES).map(c -> note(guessed, "utilities", c));
        return new AttributeMapping(plotColumn, landUseColumn, priceColumn, utilityColumn, List.copyOf(guessed));
    }

    private static Optional<String> named(List<String> fields, Optional<String> name, String option) {
        if (name.isEmpty() || name.get().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(fields.stream().filter(f -> f.equalsIgnoreCase(name.get().trim())).findFirst()
                .orElseThrow(() -> new ImportRefused("unknown_field",
                        option + " " + name.get() + ": the file has no such column (columns: " + fields + ")")));
    }

    private static Optional<String> guess(List<String> fields, List<String> names) {
        for (String wanted : names) {
            for (String f : fields) {
                if (normal(f).equals(wanted)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static String note(List<String> guessed, String what, String column) {
        guessed.add(what);
        return column;
    }

    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}

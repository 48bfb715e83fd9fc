package org.zamin.parcelimport;

import java.util.Locale;
import org.zamin.parcelimport.ImportReport.Problem;

/**
 * The report's wording of what the database checks found (validity in the source CRS, reprojection, extent, estate
 * boundary, overlaps): a row of {@code sql/parcelimport/problems.sql} becomes a problem with its stable code.
 */
final class DatabaseProblems {

    private DatabaseProblems() {}

    /** One row of problems.sql for feature {@code n}, worded for a file in EPSG:{@code srid}. */
    static Problem of(int n, String plot, String code, String detail, String location, Double amount, String other,
            int srid) {
        return switch (code) {
            case "invalid_geometry" -> invalid(n, plot, detail, location, srid);
            case "reprojection_failed" -> new Problem(n, plot, code, "the coordinates do not fit EPSG:" + srid
                    + " (they cannot be converted to longitude and latitude); is the CRS right?", null, null,
                    Integer.toString(srid));
            case "swapped_coordinates" -> new Problem(n, plot, code, String.format(Locale.ROOT,
                    "the plot lies %.0f km from the estate; with latitude and longitude swapped it would be near it "
                            + "(GeoJSON and EPSG:4326 files here are longitude first)", amount / 1000), location,
                    amount, null);
            case "outside_extent" -> new Problem(n, plot, code, String.format(Locale.ROOT,
                    "the plot lies %.0f km from the estate, far outside its extent; is the CRS (EPSG:%d) right?",
                    amount / 1000, srid), location, amount, Integer.toString(srid));
            case "outside_estate" -> new Problem(n, plot, code, String.format(Locale.ROOT,
                    "%.2f m² of the plot lie outside the estate boundary", amount), location, amount, null);
            case "overlaps_feature" -> new Problem(n, plot, code, String.format(Locale.ROOT,
                    "overlaps feature %s of the file by %.2f m²", other, amount), location, amount, other);
            case "overlaps_plot" -> new Problem(n, plot, code, String.format(Locale.ROOT,
                    "overlaps existing plot %s by %.2f m²", other, amount), location, amount, other);
            default -> new Problem(n, plot, code, code, location);
        };
    }

    /** PostGIS's validity reason, with the specific codes the page explains (self-intersection, …). */
    private static Problem invalid(int n, String plot, String detail, String location, int srid) {
        String reason = detail == null ? "invalid geometry" : detail;
        String lower = reason.toLowerCase(Locale.ROOT);
        String code = lower.contains("self-intersection") ? "self_intersection"
                : lower.contains("hole lies outside shell") ? "hole_outside_shell"
                : lower.contains("too few points") ? "too_few_points"
                : "invalid_geometry";
        return new Problem(n, plot, code, "invalid polygon: " + reason + " (coordinates in EPSG:" + srid + ")",
                location, null, reason);
    }
}

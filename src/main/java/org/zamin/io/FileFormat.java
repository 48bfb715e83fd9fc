package org.zamin.io;

import java.util.Locale;
import java.util.Optional;

/** The parcel file formats Zamin reads and writes. */
public enum FileFormat {
    GEOJSON("geojson", "application/geo+json", ".geojson"),
    GPKG("gpkg", "application/geopackage+sqlite3", ".gpkg"),
    SHP("shp", "application/zip", ".zip"),
    CSV("csv", "text/csv; charset=utf-8", ".csv"),
    /** FlatGeobuf: written only (a fast format for the whole country), not imported. */
    FGB("fgb", "application/flatgeobuf", ".fgb");

    private final String label;
    private final String mediaType;
    private final String extension;

    FileFormat(String label, String mediaType, String extension) {
        this.label = label;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String label() {
        return label;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** Text formats gain from gzip on the wire; the binary ones are sent as they are. */
    public boolean compressible() {
        return this == GEOJSON || this == CSV;
    }

    /** The format named {@code geojson}, {@code gpkg}, {@code shp}, {@code csv} or {@code fgb}. */
    public static Optional<FileFormat> byLabel(String label) {
        for (FileFormat f : values()) {
            if (f.label.equalsIgnoreCase(label == null ? "" : label.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Guesses the format from a file name's extension ({@code .json} counts as GeoJSON, {@code .zip} as Shapefile). */
    public static Optional<FileFormat> byFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".geojson") || n.endsWith(".json")) {
            return Optional.of(GEOJSON);
        }
        if (n.endsWith(".gpkg")) {
            return Optional.of(GPKG);
        }
        if (n.endsWith(".zip")) {
            return Optional.of(SHP);
        }
        if (n.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        return Optional.empty();
    }
}

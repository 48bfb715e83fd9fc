package org.zamin.sample;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The province samples shipped in {@code gis-data/}, each in its own directory: what a demo installation loads on
 * its first start, and what the national generator keeps clear of.
 */
public enum ShippedSamples {
    GILAN("gilan", "GIL-", GilanSample::build),
    QAZVIN("qazvin", "QZV-", QazvinSample::build);

    private final String directory;
    private final String codePrefix;
    private final Supplier<List<EstateBundle>> builder;

    ShippedSamples(String directory, String codePrefix, Supplier<List<EstateBundle>> builder) {
        this.directory = directory;
        this.codePrefix = codePrefix;
        this.builder = builder;
    }

    /** The SQL LIKE patterns of the shipped samples' estate codes ({@code GIL-%}, …). */
    static List<String> codePatterns() {
        return java.util.Arrays.stream(values()).map(s -> s.codePrefix + "%").toList();
    }

    /** The sample's directory under {@code gis-data}. */
    public String directory() {
        return directory;
    }

    /** Builds the sample; deterministic, the same bundles on every call. */
    public List<EstateBundle> build() {
        return builder.get();
    }

    /** Every shipped sample's directory under {@code root}, in load order. */
    public static List<Path> directories(Path root) {
        return java.util.Arrays.stream(values()).map(s -> root.resolve(s.directory)).toList();
    }

    /** (Re)writes the sample's three GeoJSON files under {@code root}/{@link #directory()}. */
    static void write(Path root, ShippedSamples sample) {
        Path dir = root.resolve(sample.directory);
        List<EstateBundle> bundles = sample.build();
        GeoJson.writeCollection(dir.resolve("estates.geojson"),
                bundles.stream().map(EstateBundle::estate).iterator());
        GeoJson.writeCollection(dir.resolve("parcels.geojson"),
                bundles.stream().flatMap(b -> b.parcels().stream()).iterator());
        GeoJson.writeCollection(dir.resolve("infrastructure.geojson"),
                bundles.stream().flatMap(b -> b.infrastructure().stream()).iterator());
        int plots = bundles.stream().mapToInt(b -> b.parcels().size()).sum();
        System.out.println("Wrote " + bundles.size() + " estates and " + plots + " plots to " + dir);
    }

    /** Writes every shipped sample under {@code args[0]} (default {@code gis-data}). */
    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "gis-data");
        for (ShippedSamples s : values()) {
            write(root, s);
        }
    }
}

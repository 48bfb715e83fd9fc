package org.zamin.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.db.SqlResource;

/**
 * Writes generated or sample estates, plots and lines into the database. The database checks every
 * geometry (validity, inside the estate, no overlaps) exactly as for any other writer.
 */
public final class SampleLoader {

    private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_LOADED_KEY = "sample_data_loaded";
    /**
     * Plots written by one statement: the triggers on parcel that work per statement (adjacency, tallies, the map's
     * change counter, demand matches) then run once per batch, not once per plot; a batch is a few megabytes of JSON.
     */
    public static final int PLOTS_PER_STATEMENT = 5_000;

    private static final String UPSERT_PROVINCE = SqlResource.load("sample/upsert_province");
    private static final String INSERT_ESTATE = SqlResource.load("sample/insert_estate");
    private static final String INSERT_PARCELS = SqlResource.load("sample/insert_parcels");
    private static final String INSERT_LINES = SqlResource.load("sample/insert_lines");
    private static final String SAMPLE_IDLE_SINCE = SqlResource.load("planning/sample_idle_since");
    private static final String LOADED_OR_NOT_EMPTY = SqlResource.load("sample/loaded_or_not_empty");
    private static final String REMEMBER = SqlResource.load("sample/remember");
    private static final String ESTATE_EXISTS = SqlResource.load("sample/estate_exists");

    private final Jdbi jdbi;

    public SampleLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Loads the sample provinces from {@code dirs} (each with estates, parcels and infrastructure GeoJSON), all in one
     * transaction, unless sample data was loaded before or estates already exist. Returns true when it loaded.
     */
    public boolean loadSampleOnFirstStart(List<Path> dirs) {
        boolean alreadyLoaded = jdbi.withHandle(h -> h.createQuery(LOADED_OR_NOT_EMPTY)
                .bind("key", SAMPLE_LOADED_KEY).mapTo(Boolean.class).one());
        if (alreadyLoaded) {
            return false;
        }
        List<Path> present = dirs.stream().filter(Files::isDirectory).toList();
        if (present.size() < dirs.size()) {
            log.warn("no sample data at {}", dirs.stream().filter(d -> !Files.isDirectory(d)).toList());
        }
        if (present.isEmpty()) {
            log.warn("starting with an empty database");
            return false;
        }
        List<EstateBundle> bundles = present.stream().flatMap(d -> readBundles(d).stream()).toList();
        String names = String.join(", ", present.stream().map(d -> d.getFileName().toString()).toList());
        jdbi.useTransaction(h -> {
            int plots = load(h, bundles.iterator());
            h.createUpdate(REMEMBER)
                    .bind("key", SAMPLE_LOADED_KEY).bind("value", names + ": " + bundles.size()
                            + " estates, " + plots + " plots").execute();
            log.info("loaded sample data from {}: {} estates, {} plots", names, bundles.size(), plots);
        });
        return true;
    }

    /**
     * Inserts the bundles all or nothing, in one transaction, and returns the plot count. An estate whose code is
     * already in the database (the same data set generated before) stops the load before anything is kept:
     * {@link AlreadyLoaded}, and the database is as it was.
     */
    public int loadAll(Iterator<EstateBundle> bundles) {
        return jdbi.inTransaction(h -> load(h, bundles, code -> {
            if (h.createQuery(ESTATE_EXISTS).bind("code", code).mapTo(Boolean.class).one()) {
                throw new AlreadyLoaded(code);
            }
        }));
    }

    /** A generated estate's code is taken: the data set was loaded before (nothing of this load was kept). */
    public static final class AlreadyLoaded extends RuntimeException {
        AlreadyLoaded(String code) {
            super("estate " + code + " is already in the database: this data set was generated before. Nothing was "
                    + "changed; a data set is generated once, into a database that does not have it yet");
        }
    }

    /**
     * Inserts {@code bundles}: each estate by itself, their plots and lines gathered into statements of about
     * {@link #PLOTS_PER_STATEMENT} plots (in the bundles' order, so plot ids follow it). Returns the plot count.
     */
    private static int load(Handle h, Iterator<EstateBundle> bundles) {
        return load(h, bundles, code -> { });
    }

    /** As {@link #load(Handle, Iterator)}, calling {@code beforeEstate} with each estate's code before writing it. */
    private static int load(Handle h, Iterator<EstateBundle> bundles, Consumer<String> beforeEstate) {
        Batch batch = new Batch();
        int plots = 0;
        while (bundles.hasNext()) {
            EstateBundle b = bundles.next();
            JsonNode props = b.estate().get("properties");
            beforeEstate.accept(props.get("code").asText());
            JsonNode province = props.get("province");
            int provinceId = h.createQuery(UPSERT_PROVINCE)
                    .bind("code", province.get("code").asText())
                    .bind("name", province.get("name").asText())
                    .bind("nameFa", province.get("nameFa").asText())
                    .mapTo(Integer.class).one();
            int estateId = h.createQuery(INSERT_ESTATE)
                    .bind("code", props.get("code").asText())
                    .bind("provinceId", provinceId)
                    .bind("name", props.get("name").asText())
                    .bind("nameFa", props.get("nameFa").asText())
                    .bind("kind", props.get("kind").asText())
                    .bind("operator", props.path("operator").asText(""))
                    .bind("landPricePerM2", props.get("landPricePerM2").asLong())
                    .bind("utilities", props.path("utilities").toString())
                    .bind("boundary", b.estate().get("geometry").toString())
                    .mapTo(Integer.class).one();
            batch.add(estateId, b);
            plots += b.parcels().size();
            if (batch.plots.size() >= PLOTS_PER_STATEMENT) {
                batch.write(h);
                batch = new Batch();
            }
        }
        batch.write(h);
        return plots;
    }

    /** The plots and lines of consecutive estates, written together: one statement each. */
    private static final class Batch {
        final List<Integer> estateIds = new ArrayList<>();
        final ArrayNode plots = JSON.createArrayNode();
        final ArrayNode lines = JSON.createArrayNode();

        void add(int estateId, EstateBundle b) {
            estateIds.add(estateId);
            for (ObjectNode parcel : b.parcels()) {
                JsonNode p = parcel.get("properties");
                ObjectNode row = plots.addObject();
                row.put("e", estateId);
                row.put("n", p.get("plotNumber").asText());
                row.put("g", parcel.get("geometry").toString());
                row.put("u", p.get("landUse").asText());
                row.put("p", p.get("pricePerM2").asLong());
                ArrayNode utilities = row.putArray("t");
                p.path("utilities").forEach(u -> utilities.add(u.asText()));
                row.put("s", p.get("status").asText());
            }
            for (ObjectNode line : b.infrastructure()) {
                JsonNode p = line.get("properties");
                ObjectNode row = lines.addObject();
                row.put("k", p.get("kind").asText());
                row.put("n", p.path("name").isNull() ? null : p.path("name").asText(null));
                if (p.path("estate").isTextual()) {
                    row.put("e", estateId);
                }
                row.put("g", line.get("geometry").toString());
            }
        }

        void write(Handle h) {
            if (!plots.isEmpty()) {
                h.createUpdate(INSERT_PARCELS).bind("plots", plots.toString()).execute();
                h.createUpdate(SAMPLE_IDLE_SINCE).bindArray("estateIds", Integer.class, estateIds).execute();
            }
            if (!lines.isEmpty()) {
                h.createUpdate(INSERT_LINES).bind("lines", lines.toString()).execute();
            }
        }
    }

    /** Reads estates.geojson, parcels.geojson and infrastructure.geojson and groups them by estate code. */
    static List<EstateBundle> readBundles(Path dir) {
        Map<String, EstateBundle> byCode = new LinkedHashMap<>();
        for (JsonNode estate : features(dir.resolve("estates.geojson"))) {
            byCode.put(estate.get("properties").get("code").asText(),
                    new EstateBundle((ObjectNode) estate, new ArrayList<>(), new ArrayList<>()));
        }
        for (JsonNode parcel : features(dir.resolve("parcels.geojson"))) {
            bundleOf(byCode, parcel).parcels().add((ObjectNode) parcel);
        }
        Path lines = dir.resolve("infrastructure.geojson");
        if (Files.exists(lines)) {
            List<ObjectNode> trunk = new ArrayList<>();
            for (JsonNode line : features(lines)) {
                if (line.get("properties").path("estate").isTextual()) {
                    bundleOf(byCode, line).infrastructure().add((ObjectNode) line);
                } else {
                    trunk.add((ObjectNode) line);
                }
            }
            // Lines that belong to no estate ride along with the first estate's bundle, still with no estate id.
            byCode.values().stream().findFirst().ifPresent(first -> first.infrastructure().addAll(trunk));
        }
        return List.copyOf(byCode.values());
    }

    private static EstateBundle bundleOf(Map<String, EstateBundle> byCode, JsonNode feature) {
        String code = feature.get("properties").get("estate").asText();
        EstateBundle bundle = byCode.get(code);
        if (bundle == null) {
            throw new IllegalArgumentException("feature refers to unknown estate " + code);
        }
        return bundle;
    }

    private static JsonNode features(Path file) {
        try {
            return JSON.readTree(file.toFile()).get("features");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

package org.zamin.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
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

    private static final String UPSERT_PROVINCE = SqlResource.load("sample/upsert_province");
    private static final String INSERT_ESTATE = SqlResource.load("sample/insert_estate");
    private static final String INSERT_PARCEL = SqlResource.load("sample/insert_parcel");
    private static final String INSERT_LINE = SqlResource.load("sample/insert_line");
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
        return jdbi.inTransaction(h -> {
            int plots = 0;
            while (bundles.hasNext()) {
                EstateBundle bundle = bundles.next();
                String code = bundle.estate().get("properties").get("code").asText();
                if (h.createQuery(ESTATE_EXISTS).bind("code", code).mapTo(Boolean.class).one()) {
                    throw new AlreadyLoaded(code);
                }
                plots += load(h, List.of(bundle).iterator());
            }
            return plots;
        });
    }

    /** A generated estate's code is taken: the data set was loaded before (nothing of this load was kept). */
    public static final class AlreadyLoaded extends RuntimeException {
        AlreadyLoaded(String code) {
            super("estate " + code + " is already in the database: this data set was generated before. Nothing was "
                    + "changed; a data set is generated once, into a database that does not have it yet");
        }
    }

    private static int load(Handle h, Iterator<EstateBundle> bundles) {
        int plots = 0;
        while (bundles.hasNext()) {
            EstateBundle b = bundles.next();
            JsonNode props = b.estate().get("properties");
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
            PreparedBatch parcels = h.prepareBatch(INSERT_PARCEL);
            for (ObjectNode parcel : b.parcels()) {
                JsonNode p = parcel.get("properties");
                List<String> utilities = new ArrayList<>();
                p.path("utilities").forEach(u -> utilities.add(u.asText()));
                parcels.bind("estateId", estateId)
                        .bind("plotNumber", p.get("plotNumber").asText())
                        .bind("geom", parcel.get("geometry").toString())
                        .bind("landUse", p.get("landUse").asText())
                        .bind("pricePerM2", p.get("pricePerM2").asLong())
                        .bindArray("utilities", String.class, utilities)
                        .bind("status", p.get("status").asText())
                        .add();
            }
            if (!b.parcels().isEmpty()) {
                parcels.execute();
                h.createUpdate(SAMPLE_IDLE_SINCE).bind("estateId", estateId).execute();
            }
            PreparedBatch lines = h.prepareBatch(INSERT_LINE);
            for (ObjectNode line : b.infrastructure()) {
                JsonNode p = line.get("properties");
                lines.bind("kind", p.get("kind").asText())
                        .bind("name", p.path("name").isNull() ? null : p.path("name").asText(null))
                        .bind("estateId", p.path("estate").isTextual() ? estateId : null)
                        .bind("geom", line.get("geometry").toString())
                        .add();
            }
            if (!b.infrastructure().isEmpty()) {
                lines.execute();
            }
            plots += b.parcels().size();
        }
        return plots;
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

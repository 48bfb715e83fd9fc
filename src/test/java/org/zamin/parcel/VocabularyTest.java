package org.zamin.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * The vocabularies are the database's lookup tables: the page gets them from {@code /api/config} in display order,
 * the database refuses a code not in them, and every code has its label in both languages.
 */
class VocabularyTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void configListsTheVocabulariesInDisplayOrder() {
        JsonNode v = Http.get("/api/config").json().get("vocabularies");
        assertEquals(List.of("industrial", "warehouse", "workshop", "services", "green", "road"), texts(v.get("landUses")));
        assertEquals(List.of("water", "power", "gas", "telecom", "wastewater"), texts(v.get("utilities")));
        assertEquals(List.of("AVAILABLE", "RESERVED", "ALLOCATED", "UNDER_CONSTRUCTION", "IN_PRODUCTION", "IDLE",
                "RECLAIMING", "NOT_OFFERED"), texts(v.get("plotStatuses")));
        assertEquals(List.of("INDUSTRIAL_ESTATE", "INDUSTRIAL_ZONE", "FREE_ZONE", "CLUSTER", "SMALL_WORKSHOP_COMPLEX"),
                texts(v.get("estateKinds")));
        assertEquals(codes("vocabulary_plot_status"), texts(v.get("plotStatuses")), "the database's list, its order");
    }

    @Test
    void theLoadedVocabularyIsTheDatabases() {
        Vocabulary v = Vocabulary.load(jdbi);
        assertEquals(codes("vocabulary_land_use"), List.copyOf(v.landUses()));
        assertEquals(codes("vocabulary_utility"), List.copyOf(v.utilities()));
        assertEquals(codes("vocabulary_plot_status"), List.copyOf(v.plotStatuses()));
        assertEquals(codes("vocabulary_estate_kind"), List.copyOf(v.estateKinds()));
    }

    @Test
    void theDatabaseRefusesCodesOutsideTheVocabularies() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long id = e.addParcel(jdbi, "V1", e.rect(100, 100, 200, 200), "AVAILABLE");
        SQLException landUse = refused("UPDATE parcel SET land_use = 'casino' WHERE id = " + id);
        assertEquals("23503", landUse.getSQLState());
        assertTrue(landUse.getMessage().contains("parcel_land_use_known"), landUse.getMessage());

        SQLException utility = refused("UPDATE parcel SET utilities = ARRAY['water', 'teleport'] WHERE id = " + id);
        assertEquals("23514", utility.getSQLState());
        assertTrue(utility.getMessage().contains("teleport"), utility.getMessage());
        assertEquals("23514", refused("UPDATE parcel SET utilities = ARRAY[NULL]::text[] WHERE id = " + id).getSQLState());

        SQLException status = refused("UPDATE parcel SET status = 'SOLD' WHERE id = " + id);
        assertEquals("23514", status.getSQLState());
        assertTrue(status.getMessage().contains("SOLD"), status.getMessage());

        SQLException kind = refused("UPDATE estate SET kind = 'THEME_PARK' WHERE id = " + e.id());
        assertEquals("23503", kind.getSQLState());
        assertTrue(kind.getMessage().contains("estate_kind_known"), kind.getMessage());

        assertEquals("23503", refused("DELETE FROM vocabulary_plot_status WHERE code = 'AVAILABLE'").getSQLState());
        assertEquals("23503", refused("DELETE FROM vocabulary_utility WHERE code = 'water'").getSQLState());
        assertEquals("23503", refused("DELETE FROM vocabulary_land_use WHERE code = 'industrial'").getSQLState());

        JsonNode plot = Http.get("/api/parcels/" + id).json().get("properties");
        assertEquals("industrial", plot.get("landUse").asText(), "nothing refused was written");
        assertEquals("AVAILABLE", plot.get("status").asText());
    }

    @Test
    void everyCodeHasItsLabelInBothLanguages() throws Exception {
        for (String language : new String[] {"en", "fa"}) {
            JsonNode labels = Http.JSON.readTree(Path.of("web", "i18n", language + ".json").toFile());
            List<String> keys = new ArrayList<>();
            codes("vocabulary_land_use").forEach(c -> keys.add("landUse." + c));
            codes("vocabulary_utility").forEach(c -> keys.add("utility." + c));
            codes("vocabulary_plot_status").forEach(c -> keys.add("status." + c));
            codes("vocabulary_estate_kind").forEach(c -> keys.add("estateKind." + c.toLowerCase(Locale.ROOT)));
            for (String key : keys) {
                assertTrue(labels.hasNonNull(key), language + ".json has no label " + key);
            }
        }
    }

    private List<String> codes(String table) {
        // table comes from the fixed list of this test
        return jdbi.withHandle(h -> h.createQuery("SELECT code FROM " + table + " ORDER BY position")
                .mapTo(String.class).list());
    }

    private SQLException refused(String sql) {
        try {
            jdbi.useHandle(h -> h.execute(sql));
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException s) {
                return s;
            }
            throw e;
        }
        throw new AssertionError("the database accepted " + sql);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

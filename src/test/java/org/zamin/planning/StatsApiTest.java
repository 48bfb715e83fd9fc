package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** {@code GET /api/stats} adds up to the plot counts; {@code GET /api/stats/what-if} matches a hand-built fixture. */
class StatsApiTest {

    private static final String[] AS_PLANNER = {"Authorization", TestUsers.planner().bearer()};

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void statisticsAddUpToThePlotCounts() {
        for (String groupBy : new String[] {"province", "estate"}) {
            JsonNode stats = Http.get("/api/stats?groupBy=" + groupBy, AS_PLANNER).json();
            long dbPlots = count("SELECT count(*) FROM parcel");
            JsonNode totals = stats.get("totals");
            assertTrue(totals.get("plots").asLong() >= dbPlots - 50 && totals.get("plots").asLong() <= dbPlots + 50);
            long sumGroups = 0;
            for (JsonNode g : stats.get("groups")) {
                long byStatus = 0;
                for (JsonNode s : g.get("byStatus")) {
                    byStatus += s.get("plots").asLong();
                }
                assertEquals(g.get("plots").asLong(), byStatus, "statuses add up in " + g.get("code"));
                sumGroups += g.get("plots").asLong();
            }
            assertEquals(totals.get("plots").asLong(), sumGroups, "groups add up to the total (" + groupBy + ")");
        }
        // The sample province on its own, which no other test writes to: exact counts and rates.
        JsonNode gil = null;
        for (JsonNode g : Http.get("/api/stats?groupBy=province", AS_PLANNER).json().get("groups")) {
            if (g.get("code").asText().equals("GIL")) {
                gil = g;
            }
        }
        String scope = " FROM parcel p JOIN estate e ON e.id = p.estate_id JOIN province pr ON pr.id = e.province_id"
                + " WHERE pr.code = 'GIL'";
        long plots = count("SELECT count(*)" + scope);
        long idle = count("SELECT count(*)" + scope + " AND p.status = 'IDLE'");
        long allocated = count("SELECT count(*)" + scope
                + " AND p.status IN ('ALLOCATED','UNDER_CONSTRUCTION','IN_PRODUCTION','IDLE','RECLAIMING')");
        assertEquals(plots, gil.get("plots").asLong());
        assertEquals(idle, gil.get("byStatus").get("IDLE").get("plots").asLong());
        assertEquals((double) idle / allocated, gil.get("idleRate").asDouble(), 1e-9);
        double area = jdbi.withHandle(h -> h.createQuery("SELECT sum(p.area_m2)" + scope).mapTo(Double.class).one());
        assertEquals(area, gil.get("areaM2").asDouble(), 1.0);
        double occupancy = gil.get("occupancy").asDouble();
        assertTrue(occupancy > 0 && occupancy < 1, "occupancy " + occupancy);
    }

    @Test
    void whatIfFreesThePlotsIdleForMoreThanNYears() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long oneYear = e.addParcel(jdbi, "I1", e.rect(0, 0, 100, 100), "IDLE");
        long threeYears = e.addParcel(jdbi, "I3", e.rect(100, 0, 250, 100), "IDLE");
        long fiveYears = e.addParcel(jdbi, "I5", e.rect(300, 0, 500, 100), "IDLE");
        e.addParcel(jdbi, "P", e.rect(600, 0, 700, 100), "IN_PRODUCTION");
        setIdleSince(Map.of(oneYear, "1 year", threeYears, "3 years", fiveYears, "5 years"));
        double a3 = area(threeYears);
        double a5 = area(fiveYears);

        JsonNode two = estate(Http.get("/api/stats/what-if?idleYears=2", AS_PLANNER).json(), e.code());
        assertEquals(3, two.get("idlePlots").asInt());
        assertEquals(2, two.get("freedPlots").asInt());
        assertEquals(a3 + a5, two.get("freedAreaM2").asDouble(), 0.2);
        assertEquals((a3 + a5) / 10_000, two.get("freedHectares").asDouble(), 0.01);
        JsonNode four = estate(Http.get("/api/stats/what-if?idleYears=4", AS_PLANNER).json(), e.code());
        assertEquals(1, four.get("freedPlots").asInt());
        assertEquals(a5, four.get("freedAreaM2").asDouble(), 0.2);
        assertEquals(0, estate(Http.get("/api/stats/what-if?idleYears=6", AS_PLANNER).json(), e.code()).get("freedPlots").asInt());

        JsonNode all = Http.get("/api/stats/what-if?idleYears=2", AS_PLANNER).json();
        long sum = 0;
        for (JsonNode row : all.get("estates")) {
            sum += row.get("freedPlots").asLong();
        }
        assertEquals(all.get("totals").get("freedPlots").asLong(), sum);
        assertError(Http.get("/api/stats/what-if?idleYears=-1", AS_PLANNER), 400, "invalid_parameter", "idleYears");
        assertError(Http.get("/api/stats?groupBy=city", AS_PLANNER), 400, "invalid_parameter", "groupBy");
    }

    @Test
    void becomingIdleStartsTheClockAndLeavingIdleClearsIt() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long id = e.addParcel(jdbi, "X", e.rect(0, 0, 100, 100), "IN_PRODUCTION");
        jdbi.useHandle(h -> h.execute("UPDATE parcel SET status = 'IDLE' WHERE id = ?", id));
        assertEquals(1, count("SELECT count(*) FROM parcel WHERE id = " + id + " AND idle_since = current_date"));
        jdbi.useHandle(h -> h.execute("UPDATE parcel SET status = 'RECLAIMING' WHERE id = ?", id));
        assertEquals(1, count("SELECT count(*) FROM parcel WHERE id = " + id + " AND idle_since IS NULL"));
        assertTrue(count("SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id"
                + " WHERE e.code LIKE 'GIL-%' AND p.status = 'IDLE' AND p.idle_since < current_date - 365") > 0,
                "the sample's idle plots are spread over past years");
    }

    private void setIdleSince(Map<Long, String> ages) {
        ages.forEach((id, age) -> jdbi.useHandle(h -> h.createUpdate(
                "UPDATE parcel SET idle_since = CAST(current_date - CAST(:age AS interval) AS date) - 1 WHERE id = :id")
                .bind("age", age).bind("id", id).execute()));
    }

    private double area(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT area_m2 FROM parcel WHERE id = :id").bind("id", id)
                .mapTo(Double.class).one());
    }

    private static JsonNode estate(JsonNode whatIf, String code) {
        for (JsonNode row : whatIf.get("estates")) {
            if (row.get("estate").asText().equals(code)) {
                return row;
            }
        }
        throw new AssertionError("estate " + code + " missing from " + whatIf);
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void planningQueriesAreForPlannersAndAdmins() {
        assertError(Http.get("/api/stats?groupBy=estate"), 401, "unauthorized", "sign in");
        String[] investor = {"Authorization", TestUsers.investor().bearer()};
        assertError(Http.get("/api/stats/what-if?idleYears=2", investor), 403, "forbidden", "");
        assertError(Http.get("/api/availability?estate=GIL-SIAHKAL", investor), 403, "forbidden", "");
        assertEquals(200, Http.get("/api/stats?groupBy=estate", "Authorization", TestUsers.admin().bearer()).status());
    }
}

package org.zamin.demand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.CurrentUser;
import org.zamin.db.SqlResource;
import org.zamin.db.Transactions;
import org.zamin.domain.Conflict;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotFound;
import org.zamin.domain.WholeNumber;

/**
 * Registers, lists and withdraws an investor's standing requests, and answers planners' unmet demand against
 * available supply. Matching a plot that becomes available is the database's work ({@code R__demand_match.sql}), so
 * every path that frees land notifies the waitlist in the same transaction.
 */
public final class DemandService {

    /** Estates one request may name. */
    public static final int MAX_ESTATES = 20;
    /** Open requests one investor may keep. */
    public static final int MAX_OPEN_PER_INVESTOR = 20;
    /** The largest area a request may ask for (1,000 ha). */
    public static final long MAX_AREA_M2 = 10_000_000;
    /** Land uses a request may ask for (roads and green space are not land anyone applies for). */
    public static final Set<String> LAND_USES = Set.of("industrial", "warehouse", "workshop", "services");
    public static final Set<String> UTILITIES = Set.of("water", "power", "gas", "telecom", "wastewater");
    public static final Set<String> GROUPINGS = Set.of("province", "estate");

    private static final String INSERT = SqlResource.load("demand/insert");
    private static final String OPEN_COUNT = SqlResource.load("demand/open_count");
    private static final String PROVINCE_ID = SqlResource.load("demand/province_id");
    private static final String ESTATE_ID = SqlResource.load("demand/estate_id");
    private static final String MINE = SqlResource.load("demand/mine");
    private static final String WITHDRAW = SqlResource.load("demand/withdraw");
    private static final String UNMET_BY_PROVINCE = SqlResource.load("demand/unmet_province");
    private static final String UNMET_BY_ESTATE = SqlResource.load("demand/unmet_estate");
    private static final String SNAPSHOT = SqlResource.load("demand/snapshot");
    private static final String HISTORY = SqlResource.load("demand/history");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Clock clock;

    public DemandService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A request, checked: ids resolved, numbers parsed, lists sorted. */
    record Checked(Optional<String> province, List<String> estates, long minAreaM2, long maxAreaM2, String landUse,
            List<String> utilities, String activity) {}

    /** Registers a standing request; answers it as {@link #mine} lists it. */
    public JsonNode register(CurrentUser investor, DemandRequest request) {
        Checked c = check(request);
        return Transactions.retrying(jdbi, h -> {
            long open = h.createQuery(OPEN_COUNT).bind("investor", investor.id()).mapTo(Long.class).one();
            if (open >= MAX_OPEN_PER_INVESTOR) {
                throw new Conflict("demand_limit", "at most " + MAX_OPEN_PER_INVESTOR
                        + " open requests per investor; withdraw one first");
            }
            Integer provinceId = c.province().map(code -> h.createQuery(PROVINCE_ID)
                    .bind("code", code).mapTo(Integer.class).findOne()
                    .orElseThrow(() -> new Invalid("unknown_province", "no province with code " + code))).orElse(null);
            List<Integer> estateIds = new ArrayList<>();
            for (String code : c.estates()) {
                estateIds.add(h.createQuery(ESTATE_ID).bind("code", code)
                        .mapTo(Integer.class).findOne()
                        .orElseThrow(() -> new Invalid("unknown_estate", "no estate with code " + code)));
            }
            long id = h.createQuery(INSERT).bind("investor", investor.id()).bind("province", provinceId)
                    .bind("estates", estateIds.toArray(Integer[]::new)).bind("min", c.minAreaM2())
                    .bind("max", c.maxAreaM2()).bind("landUse", c.landUse())
                    .bind("utilities", c.utilities().toArray(String[]::new)).bind("activity", c.activity())
                    .bind("at", OffsetDateTime.now(clock)).mapTo(Long.class).one();
            return mine(h, investor.id(), Optional.of(id)).get(0);
        });
    }

    /** The investor's requests (open first, newest first), each with the plots matched so far. */
    public JsonNode mine(CurrentUser investor) {
        return jdbi.withHandle(h -> mine(h, investor.id(), Optional.empty()));
    }

    private static JsonNode mine(Handle h, long investorId, Optional<Long> only) {
        String json = h.createQuery(MINE).bind("investor", investorId).bind("only", only.orElse(null))
                .mapTo(String.class).one();
        return read(json);
    }

    /** Withdraws one of the investor's open requests; another's request is not found. */
    public JsonNode withdraw(CurrentUser investor, long id) {
        return Transactions.retrying(jdbi, h -> {
            Optional<Boolean> wasOpen = h.createQuery(WITHDRAW).bind("id", id).bind("investor", investor.id())
                    .bind("at", OffsetDateTime.now(clock)).mapTo(Boolean.class).findOne();
            if (wasOpen.isEmpty()) {
                throw new NotFound("demand request " + id);
            }
            if (!wasOpen.get()) {
                throw new Conflict("demand_withdrawn", "request " + id + " was already withdrawn");
            }
            return mine(h, investor.id(), Optional.of(id)).get(0);
        });
    }

    /**
     * Open demand against available supply per province or estate, now, and the monthly history of both over the
     * last {@code months} months.
     */
    public JsonNode unmet(String groupBy, int months) {
        LocalDate today = LocalDate.now(clock);
        return jdbi.withHandle(h -> {
            JsonNode rows = read(h.createQuery("estate".equals(groupBy) ? UNMET_BY_ESTATE
                    : UNMET_BY_PROVINCE).mapTo(String.class).one());
            JsonNode history = read(h.createQuery(HISTORY).bind("months", months).bind("today", today)
                    .mapTo(String.class).one());
            var out = JSON.createObjectNode();
            out.put("groupBy", groupBy);
            out.put("asOf", today.toString());
            out.set("rows", rows);
            out.set("history", history);
            return out;
        });
    }

    /** Records today's available land per estate for the demand history (a second run today replaces it). */
    public void recordSupply() {
        jdbi.useHandle(h -> h.createUpdate(SNAPSHOT).bind("day", LocalDate.now(clock)).execute());
    }

    /** Checks a request: one place (a province or estates), a sane area range, known vocabularies. */
    static Checked check(DemandRequest r) {
        Optional<String> province = Optional.ofNullable(r.province()).map(String::strip).filter(s -> !s.isEmpty());
        List<String> estates = r.estates() == null ? List.of()
                : r.estates().stream().map(e -> e == null ? "" : e.strip()).distinct().sorted().toList();
        if (estates.stream().anyMatch(String::isEmpty)) {
            throw new Invalid("invalid_estates", "estates must list estate codes");
        }
        if (province.isEmpty() && estates.isEmpty()) {
            throw new Invalid("invalid_place", "give a province code or one or more estate codes");
        }
        if (estates.size() > MAX_ESTATES) {
            throw new Invalid("invalid_estates", "at most " + MAX_ESTATES + " estates in one request");
        }
        long min = area("minAreaM2", r.minAreaM2());
        long max = r.maxAreaM2() == null || r.maxAreaM2().isBlank() ? MAX_AREA_M2 : area("maxAreaM2", r.maxAreaM2());
        if (max < min) {
            throw new Invalid("invalid_area", "maxAreaM2 must not be below minAreaM2");
        }
        String landUse = Optional.ofNullable(r.landUse()).map(String::strip).orElse("");
        if (!LAND_USES.contains(landUse)) {
            throw new Invalid("invalid_land_use", "landUse must be one of industrial, warehouse, workshop, services");
        }
        List<String> utilities = r.utilities() == null ? List.of()
                : r.utilities().stream().map(u -> u == null ? "" : u.strip()).distinct().sorted().toList();
        if (!UTILITIES.containsAll(utilities)) {
            throw new Invalid("invalid_utilities", "utilities may only list water, power, gas, telecom, wastewater");
        }
        String activity = Optional.ofNullable(r.activity()).map(a -> WholeNumber.latinDigits(a.strip()))
                .filter(a -> a.matches("[0-9]{4}"))
                .orElseThrow(() -> new Invalid("invalid_activity",
                        "activity must be a four-digit ISIC code, e.g. 1079 (Persian digits allowed)"));
        return new Checked(province, estates, min, max, landUse, utilities, activity);
    }

    private static long area(String field, String text) {
        return WholeNumber.parse(text).filter(n -> n >= 1 && n <= MAX_AREA_M2)
                .orElseThrow(() -> new Invalid("invalid_area", field + " must be a whole number of m² from 1 to "
                        + MAX_AREA_M2 + ", got '" + text + "'"));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the database answered malformed JSON", e);
        }
    }
}

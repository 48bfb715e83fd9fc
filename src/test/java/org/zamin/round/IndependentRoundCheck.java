package org.zamin.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A second, independent implementation of the round algorithm as the README states it, written from the README and
 * sharing no code with {@code RoundAllocation}: it reads a published document as plain JSON and computes the
 * {@code result} part again, as JSON, for tests to compare with what the service published.
 */
final class IndependentRoundCheck {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndependentRoundCheck() {}

    /** The {@code result} a document's {@code inputs} must give. */
    static JsonNode expectedResult(String documentText) throws Exception {
        JsonNode in = JSON.readTree(documentText).get("inputs");
        JsonNode rules = in.get("rules");
        HexFormat hex = HexFormat.of();
        byte[] mixed = sha(hex.parseHex(in.get("lottery").get("seed").asText()),
                hex.parseHex(in.get("lottery").get("chainHeadHash").asText()));

        Map<Long, JsonNode> plots = new HashMap<>();
        in.get("plots").forEach(p -> plots.put(p.get("id").asLong(), p));
        List<Row> rows = new ArrayList<>();
        for (JsonNode a : in.get("applications")) {
            rows.add(row(rules, a, plots, mixed));
        }
        // lottery rank: keys compared as unsigned bytes
        List<Row> byKey = new ArrayList<>(rows);
        byKey.sort((x, y) -> {
            int c = Arrays.compareUnsigned(x.key, y.key);
            return c != 0 ? c : Long.compare(x.id, y.id);
        });
        for (int i = 0; i < byKey.size(); i++) {
            byKey.get(i).rank = i + 1;
        }
        // allocation: score high to low, then lottery rank
        List<Row> queue = new ArrayList<>(rows.stream().filter(r -> r.qualified).toList());
        queue.sort((x, y) -> x.score != y.score ? Long.compare(y.score, x.score) : Integer.compare(x.rank, y.rank));
        Set<Long> taken = new HashSet<>();
        Map<Long, Long> winners = new HashMap<>();
        int position = 0;
        for (Row r : queue) {
            r.order = ++position;
            for (long p : r.eligible) {
                if (!taken.contains(p)) {
                    taken.add(p);
                    r.plot = p;
                    winners.put(p, r.id);
                    break;
                }
            }
        }

        ObjectNode result = F.objectNode();
        result.put("mixedSeed", hex.formatHex(mixed));
        ArrayNode applicants = result.putArray("applicants");
        for (Row r : rows) {
            ObjectNode o = applicants.addObject();
            o.put("id", r.id);
            ObjectNode b = o.putObject("breakdown");
            b.put("jobsPerHectare", r.points[0]);
            b.put("investmentPerM2", r.points[1]);
            b.put("knowledgeBased", r.points[2]);
            b.put("exportShare", r.points[3]);
            o.put("score", r.score);
            ArrayNode eligible = o.putArray("eligiblePlots");
            r.eligible.forEach(eligible::add);
            o.put("qualified", r.qualified);
            o.put("lotteryKey", hex.formatHex(r.key));
            o.put("lotteryRank", r.rank);
            if (r.order == null) {
                o.putNull("order");
            } else {
                o.put("order", r.order);
            }
            o.put("outcome", r.eligible.isEmpty() ? "INELIGIBLE" : !r.qualified ? "BELOW_MINIMUM"
                    : r.plot != null ? "WON" : "NO_PLOT_LEFT");
            if (r.plot == null) {
                o.putNull("plot");
            } else {
                o.put("plot", r.plot);
            }
        }
        ArrayNode awards = result.putArray("plots");
        for (JsonNode p : in.get("plots")) {
            ObjectNode a = awards.addObject();
            a.put("plot", p.get("id").asLong());
            Long w = winners.get(p.get("id").asLong());
            if (w == null) {
                a.putNull("winner");
            } else {
                a.put("winner", w);
            }
        }
        // re-read, so that numbers compare as the parser reads them from the published text
        return JSON.readTree(JSON.writeValueAsString(result));
    }

    private static final class Row {
        long id;
        long[] points;
        long score;
        List<Long> eligible;
        boolean qualified;
        byte[] key;
        int rank;
        Integer order;
        Long plot;
    }

    private static Row row(JsonNode rules, JsonNode a, Map<Long, JsonNode> plots, byte[] mixed) throws Exception {
        Row r = new Row();
        r.id = a.get("id").asLong();
        JsonNode w = rules.get("weights");
        long area = Math.max(1, plots.get(a.get("ranking").get(0).asLong()).get("areaM2").asLong());
        BigInteger jobsFull = BigInteger.valueOf(rules.get("caps").get("jobsPerHectare").asLong() * area);
        BigInteger jobsHave = BigInteger.valueOf(a.get("jobs").asLong() * 10_000L);
        BigInteger invFull = BigInteger.valueOf(rules.get("caps").get("investmentPerM2").asLong())
                .multiply(BigInteger.valueOf(area));
        BigInteger invHave = new BigInteger(a.get("investment").asText());
        r.points = new long[] {
            points(w.get("jobsPerHectare").asLong(), jobsHave, jobsFull),
            points(w.get("investmentPerM2").asLong(), invHave, invFull),
            a.get("knowledgeBased").asBoolean() ? w.get("knowledgeBased").asLong() * 1000 : 0,
            w.get("exportShare").asLong() * 1000 * a.get("exportSharePct").asLong() / 100,
        };
        r.score = Arrays.stream(r.points).sum();
        String division = a.get("activity").asText().substring(0, 2);
        r.eligible = new ArrayList<>();
        for (JsonNode idNode : a.get("ranking")) {
            JsonNode p = plots.get(idNode.asLong());
            boolean useAllows = false;
            for (JsonNode d : rules.get("landUseActivities").path(p.get("landUse").asText())) {
                useAllows |= d.asText().equals(division);
            }
            BigInteger needed = BigInteger.valueOf(rules.get("minInvestmentPerM2").asLong())
                    .multiply(BigInteger.valueOf(p.get("areaM2").asLong()));
            if (useAllows && invHave.compareTo(needed) >= 0) {
                r.eligible.add(p.get("id").asLong());
            }
        }
        r.qualified = !r.eligible.isEmpty() && r.score >= rules.get("minScore").asLong() * 1000;
        r.key = sha(mixed, String.valueOf(r.id).getBytes(StandardCharsets.US_ASCII));
        return r;
    }

    private static long points(long weight, BigInteger have, BigInteger full) {
        BigInteger capped = have.compareTo(full) > 0 ? full : have;
        return capped.multiply(BigInteger.valueOf(weight * 1000)).divide(full).longValue();
    }

    private static byte[] sha(byte[] a, byte[] b) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(a);
        md.update(b);
        return md.digest();
    }
}

package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zamin.domain.WholeNumber;

/** The algorithm without the database: the independent implementation agrees on many random rounds; small cases. */
class RoundAllocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theIndependentImplementationAgreesOnTwoHundredRandomRounds() throws Exception {
        Random random = new Random(2026);
        for (int round = 0; round < 200; round++) {
            RoundInputs in = randomRound(random, 1 + random.nextInt(30), random.nextInt(80));
            String document = RoundDocument.of(in, RoundAllocation.allocate(in)).canonical();
            assertEquals(JSON.readTree(document).get("result"), IndependentRoundCheck.expectedResult(document),
                    "round " + round);
            assertTrue(RoundVerifier.verify(document, Optional.of(RoundDocument.sha256Hex(document))).matches());
        }
    }

    /** The document is written with sorted keys, not through the canonicalizer: it must already be RFC 8785's form. */
    @Test
    void theWrittenDocumentIsWhatTheRfc8785CanonicalizerMakesOfIt() {
        Random random = new Random(12);
        for (int round = 0; round < 50; round++) {
            RoundInputs in = randomRound(random, 1 + random.nextInt(30), random.nextInt(80));
            String document = RoundDocument.of(in, RoundAllocation.allocate(in)).canonical();
            assertEquals(RoundDocument.canonicalize(document), document, "round " + round);
        }
        // Plot numbers and land uses come from imported data: quotes, control characters, Persian and astral text.
        RoundInputs plain = randomRound(random, 3, 5);
        List<RoundInputs.Plot> odd = new ArrayList<>();
        String[] numbers = {"A\"1\\2", "tab\there\nand\u0001\u001f\u007f", "قطعه ۱۲ \uD83C\uDFED </script>"};
        for (int i = 0; i < 3; i++) {
            var p = plain.plots().get(i);
            odd.add(new RoundInputs.Plot(p.id(), numbers[i], p.areaM2(), p.landUse()));
        }
        RoundInputs in = new RoundInputs(plain.offerId(), "E\u2028", plain.opensAt(), plain.closesAt(),
                plain.maxRanked(), plain.rules(), plain.lottery(), odd, plain.applications());
        String document = RoundDocument.of(in, RoundAllocation.allocate(in)).canonical();
        assertEquals(RoundDocument.canonicalize(document), document);
        assertTrue(document.contains("قطعه ۱۲"), "text is written as UTF-8, not escaped");
    }

    @Test
    void equalScoresGoByLotteryAndEachTakesItsBestFreeEligiblePlot() {
        RoundRules rules = new RoundRules(null, null, 0, null, null).withDefaults();
        var plots = List.of(new RoundInputs.Plot(1, "A", 10_000, "industrial"),
                new RoundInputs.Plot(2, "B", 10_000, "warehouse"));
        var same = List.of(1L, 2L);
        var apps = List.of(
                new RoundInputs.Application(10, same, "2599", 0, 0, false, 0),
                new RoundInputs.Application(11, same, "2599", 0, 0, false, 0),
                new RoundInputs.Application(12, List.of(2L, 1L), "5210", 0, 0, false, 0),
                new RoundInputs.Application(13, List.of(1L), "4711", 0, 0, false, 0));
        String seed = "ab".repeat(32);
        var in = new RoundInputs(1, "E", "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z", 2, rules,
                new RoundInputs.Lottery(HexFormat.of().formatHex(RoundAllocation.sha256(HexFormat.of().parseHex(seed))),
                        seed, 7, "cd".repeat(32)),
                plots, apps);
        var result = RoundAllocation.allocate(in);
        var byId = new java.util.HashMap<Long, RoundResult.Applicant>();
        result.applicants().forEach(a -> byId.put(a.id(), a));
        // 10 and 11 tie at 0 points; the manufacturer (2599) may use only plot 1 (industrial), so the lottery decides.
        var first = byId.get(10L).lotteryRank() < byId.get(11L).lotteryRank() ? byId.get(10L) : byId.get(11L);
        var second = first.id() == 10 ? byId.get(11L) : byId.get(10L);
        assertEquals(RoundResult.Outcome.WON, first.outcome());
        assertEquals(1L, first.plot());
        assertEquals(List.of(1L), second.eligiblePlots());
        assertEquals(RoundResult.Outcome.NO_PLOT_LEFT, second.outcome());
        // The warehouse operator (5210) ranks plot 2 first and may use only it.
        assertEquals(RoundResult.Outcome.WON, byId.get(12L).outcome());
        assertEquals(2L, byId.get(12L).plot());
        assertEquals(RoundResult.Outcome.INELIGIBLE, byId.get(13L).outcome(), "retail is not allowed on these plots");
        assertEquals(List.of(new RoundResult.Award(1, first.id()), new RoundResult.Award(2, 12L)), result.plots());
    }

    @Test
    void scoresAreExactIntegersCappedAtTheirWeight() {
        RoundRules rules = new RoundRules(new RoundRules.Weights(30, 30, 20, 20), new RoundRules.Caps(50L, 10_000_000L),
                0, 0L, Map.of()).validate();
        var plot = new RoundInputs.Plot(1, "A", 20_000, "industrial");
        // 60 jobs on 2 ha = 30/ha of a 50 cap: 18 points; 1e11 over 20,000 m² = 5e6/m² of 1e7: 15 points
        var b = RoundAllocation.score(rules, new RoundInputs.Application(1, List.of(1L), "2599", 100_000_000_000L, 60,
                true, 33), plot);
        assertEquals(new RoundResult.Breakdown(18_000, 15_000, 20_000, 6_600), b);
        var capped = RoundAllocation.score(rules, new RoundInputs.Application(1, List.of(1L), "2599",
                RoundService.MAX_INVESTMENT, 1_000_000, false, 100), plot);
        assertEquals(new RoundResult.Breakdown(30_000, 30_000, 0, 20_000), capped);
    }

    @Test
    void wholeNumbersAcceptPersianAndArabicIndicDigits() {
        assertEquals(Optional.of(5_000_000L), WholeNumber.parse("۵٬۰۰۰٬۰۰۰"));
        assertEquals(Optional.of(42L), WholeNumber.parse("٤٢"));
        assertEquals(Optional.of(1200L), WholeNumber.parse(" 1,200 "));
        assertEquals(Optional.empty(), WholeNumber.parse("12a"));
        assertEquals(Optional.empty(), WholeNumber.parse(""));
        assertEquals(Optional.empty(), WholeNumber.parse("99999999999999999999"));
    }

    private static RoundInputs randomRound(Random random, int plotCount, int applicationCount) {
        List<RoundInputs.Plot> plots = new ArrayList<>();
        String[] uses = {"industrial", "industrial", "workshop", "warehouse", "services"};
        for (int i = 0; i < plotCount; i++) {
            plots.add(new RoundInputs.Plot(100 + i, "P" + i, 500 + random.nextInt(40_000), uses[random.nextInt(5)]));
        }
        List<RoundInputs.Application> apps = new ArrayList<>();
        String[] activities = {"2599", "1079", "5210", "4711", "6201", "3510"};
        for (int i = 0; i < applicationCount; i++) {
            List<Long> ranking = new ArrayList<>();
            int n = 1 + random.nextInt(Math.min(3, plotCount));
            while (ranking.size() < n) {
                long p = 100 + random.nextInt(plotCount);
                if (!ranking.contains(p)) {
                    ranking.add(p);
                }
            }
            apps.add(new RoundInputs.Application(1000 + i * (1 + random.nextInt(3)), ranking,
                    activities[random.nextInt(activities.length)], (long) random.nextInt(1_000_000) * 100_000L,
                    random.nextInt(300), random.nextBoolean(), random.nextInt(101)));
        }
        apps.sort(java.util.Comparator.comparingLong(RoundInputs.Application::id));
        List<RoundInputs.Application> distinct = new ArrayList<>();
        apps.forEach(a -> {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).id() != a.id()) {
                distinct.add(a);
            }
        });
        var weights = new RoundRules.Weights(random.nextInt(50), random.nextInt(50), random.nextInt(50),
                1 + random.nextInt(50));
        RoundRules rules = new RoundRules(weights, new RoundRules.Caps(1L + random.nextInt(100),
                1L + random.nextInt(20_000_000)), random.nextInt(weights.total() / 2 + 1),
                (long) random.nextInt(3) * 1_000_000L, null).withDefaults();
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        byte[] head = new byte[32];
        random.nextBytes(head);
        return new RoundInputs(random.nextInt(1000), "E", "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z", 3,
                rules.validate(), new RoundInputs.Lottery(HexFormat.of().formatHex(RoundAllocation.sha256(seed)),
                        HexFormat.of().formatHex(seed), random.nextInt(1000), HexFormat.of().formatHex(head)),
                plots, distinct);
    }
}

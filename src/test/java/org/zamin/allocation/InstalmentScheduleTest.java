package org.zamin.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instalment schedules of both plans: exact sums in integer money, due dates, forgiveness. */
class InstalmentScheduleTest {

    private static final LocalDate SIGNED = LocalDate.parse("2025-01-31");

    @Test
    void knowledgeBasedPlanHasTenPercentCashSixMonthsGraceAndSixteenQuarterlyInstalments() {
        var s = InstalmentSchedule.of(PaymentPlan.KNOWLEDGE_BASED, 1_000_000_007L, SIGNED);
        assertEquals(100_000_000L, s.cash());
        assertEquals(900_000_007L, s.financed());
        assertEquals(16, s.instalments().size());
        assertEquals(s.financed(), s.instalmentTotal());
        // 900,000,007 / 16 = 56,250,000 remainder 7: the first seven carry one unit more.
        assertEquals(56_250_001L, s.instalments().get(0).amount());
        assertEquals(56_250_001L, s.instalments().get(6).amount());
        assertEquals(56_250_000L, s.instalments().get(7).amount());
        // Grace 6 months, then every quarter: first due 9 months after signing (end of month clamps).
        assertEquals(LocalDate.parse("2025-10-31"), s.instalments().get(0).dueOn());
        assertEquals(LocalDate.parse("2029-07-31"), s.instalments().get(15).dueOn());
    }

    @Test
    void standardPlanSumsExactlyForAwkwardPrices() {
        for (long price : List.of(0L, 1L, 11L, 999_999_999_999L, 123_456_789L)) {
            var s = InstalmentSchedule.of(PaymentPlan.STANDARD, price, SIGNED);
            assertEquals(price, s.cash() + s.instalmentTotal(), "price " + price);
            assertEquals(12, s.instalments().size());
            long max = s.instalments().stream().mapToLong(InstalmentSchedule.Instalment::amount).max().orElse(0);
            long min = s.instalments().stream().mapToLong(InstalmentSchedule.Instalment::amount).min().orElse(0);
            assertTrue(max - min <= 1, "instalments differ by at most one unit");
        }
        var s = InstalmentSchedule.of(PaymentPlan.STANDARD, 100_000, SIGNED);
        assertEquals(30_000, s.cash());
        assertEquals(LocalDate.parse("2025-07-31"), s.instalments().get(0).dueOn()); // 3 grace + 3
    }

    @Test
    void forgivenessComesOffTheLastInstalmentsAndKeepsTheSumExact() {
        var s = InstalmentSchedule.of(PaymentPlan.KNOWLEDGE_BASED, 1_600_000L, SIGNED).withForgiveness(
                PaymentPlan.KNOWLEDGE_BASED);
        // financed 1,440,000; 20 % = 288,000 forgiven = the last 3.2 instalments of 90,000.
        assertEquals(288_000L, s.forgiven());
        assertEquals(s.financed() - s.forgiven(), s.instalmentTotal());
        assertEquals(0L, s.instalments().get(15).amount());
        assertEquals(0L, s.instalments().get(13).amount());
        assertEquals(72_000L, s.instalments().get(12).amount());
        assertEquals(90_000L, s.instalments().get(11).amount());
    }

    @Test
    void dueByCountsCashOnSigningAndInstalmentsOnTheirDay() {
        var s = InstalmentSchedule.of(PaymentPlan.KNOWLEDGE_BASED, 1_600_000L, SIGNED);
        assertEquals(0, s.dueBy(SIGNED.minusDays(1), SIGNED));
        assertEquals(160_000, s.dueBy(SIGNED, SIGNED));
        assertEquals(160_000, s.dueBy(LocalDate.parse("2025-10-30"), SIGNED));
        assertEquals(250_000, s.dueBy(LocalDate.parse("2025-10-31"), SIGNED));
    }
}

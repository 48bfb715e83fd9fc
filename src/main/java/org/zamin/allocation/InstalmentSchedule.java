package org.zamin.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The money side of a contract in the smallest currency unit: the cash share, the financed remainder and its
 * instalments, which always sum exactly to the financed amount (the indivisible remainder goes one unit at a
 * time to the first instalments, never lost to rounding).
 */
public record InstalmentSchedule(long price, long cash, long financed, long forgiven, List<Instalment> instalments) {

    /** One instalment: its number (from 1), due date and amount. */
    public record Instalment(int number, LocalDate dueOn, long amount) {}

    public InstalmentSchedule {
        instalments = List.copyOf(instalments);
    }

    /**
     * The schedule of {@code plan} for a contract of {@code price} signed on {@code signedOn}: cash due on signing,
     * instalment {@code i} due {@code grace + i × interval} months later.
     */
    public static InstalmentSchedule of(PaymentPlan plan, long price, LocalDate signedOn) {
        if (price < 0) {
            throw new IllegalArgumentException("price must not be negative");
        }
        long cash = Math.multiplyExact(price, (long) plan.cashShareBasisPoints()) / 10_000;
        long financed = price - cash;
        int n = plan.instalmentCount();
        List<Instalment> list = new ArrayList<>(n);
        if (n > 0) {
            long base = financed / n;
            long remainder = financed % n;
            for (int i = 1; i <= n; i++) {
                list.add(new Instalment(i, signedOn.plusMonths(plan.graceMonths() + (long) i * plan.intervalMonths()),
                        base + (i <= remainder ? 1 : 0)));
            }
        } else {
            cash = price;
            financed = 0;
        }
        return new InstalmentSchedule(price, cash, financed, 0, list);
    }

    /**
     * The schedule after production started on time: the plan's forgiven share of the financed amount comes off
     * the last instalments first (the holder stops paying early), so the sum is still exact.
     */
    public InstalmentSchedule withForgiveness(PaymentPlan plan) {
        long forgive = Math.multiplyExact(financed, (long) plan.forgivenBasisPoints()) / 10_000;
        List<Instalment> list = new ArrayList<>(instalments);
        long left = forgive;
        for (int i = list.size() - 1; i >= 0 && left > 0; i--) {
            Instalment in = list.get(i);
            long cut = Math.min(in.amount(), left);
            list.set(i, new Instalment(in.number(), in.dueOn(), in.amount() - cut));
            left -= cut;
        }
        return new InstalmentSchedule(price, cash, financed, forgive, list);
    }

    /** The sum of the instalments (equals {@code financed - forgiven}). */
    public long instalmentTotal() {
        return instalments.stream().mapToLong(Instalment::amount).sum();
    }

    /** What falls due on or before {@code asOf} (the cash share included). */
    public long dueBy(LocalDate asOf, LocalDate signedOn) {
        long due = signedOn.isAfter(asOf) ? 0 : cash;
        for (Instalment in : instalments) {
            if (!in.dueOn().isAfter(asOf)) {
                due += in.amount();
            }
        }
        return due;
    }
}

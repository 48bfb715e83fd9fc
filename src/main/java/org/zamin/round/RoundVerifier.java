package org.zamin.round;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Recomputes a published round from its document: the seed against its commitment, and the whole result from the
 * inputs; optionally the document's hash against the one the decision log published. Used by
 * {@code ./zamin verify-round}.
 */
public final class RoundVerifier {

    /** The verdict: whether everything matched, what did not, and the document's SHA-256. */
    public record Verdict(boolean matches, List<String> problems, String documentSha256) {}

    private RoundVerifier() {}

    /**
     * Checks {@code json}, a round document; with {@code publishedSha256}, also that the document is the one
     * published (its canonical form hashes to it).
     */
    public static Verdict verify(String json, Optional<String> publishedSha256) {
        List<String> problems = new ArrayList<>();
        String sha;
        RoundDocument doc;
        try {
            sha = RoundDocument.sha256Hex(RoundDocument.canonicalize(json));
            doc = RoundDocument.parse(json);
        } catch (IllegalArgumentException e) {
            return new Verdict(false, List.of(e.getMessage()), null);
        }
        publishedSha256.filter(p -> !p.equalsIgnoreCase(sha)).ifPresent(p -> problems.add(
                "the document's SHA-256 " + sha + " is not the published " + p));
        if (!RoundDocument.FORMAT.equals(doc.format())) {
            problems.add("unknown format " + doc.format());
            return new Verdict(false, problems, sha);
        }
        RoundResult recomputed;
        try {
            var lottery = doc.inputs().lottery();
            String commitment = HexFormat.of().formatHex(RoundAllocation.sha256(HexFormat.of().parseHex(lottery.seed())));
            if (!commitment.equalsIgnoreCase(lottery.seedCommitment())) {
                problems.add("the seed does not hash to its commitment " + lottery.seedCommitment());
            }
            recomputed = RoundAllocation.allocate(doc.inputs());
        } catch (RuntimeException e) {
            problems.add("the inputs cannot be allocated: " + e);
            return new Verdict(false, problems, sha);
        }
        problems.addAll(differences(doc.result(), recomputed));
        problems.addAll(policyProblems(doc.policies()));
        return new Verdict(problems.isEmpty(), List.copyOf(problems), sha);
    }

    /**
     * What makes published category policies unusable: two with one code or one priority, a share or month count out
     * of range, or no STANDARD policy for everyone matched last (none published: nothing to check).
     */
    static List<String> policyProblems(List<RoundDocument.Policy> policies) {
        List<String> out = new ArrayList<>();
        if (policies == null) {
            return out;
        }
        java.util.Set<String> codes = new java.util.HashSet<>();
        java.util.Set<Integer> priorities = new java.util.HashSet<>();
        RoundDocument.Policy last = null;
        for (var p : policies) {
            if (p.code() == null || !codes.add(p.code()) || !priorities.add(p.priority())) {
                out.add("policy " + p.code() + ": its code and priority must be unique");
            }
            if (!basisPoints(p.priceShareBp()) || !basisPoints(p.cashShareBp()) || !basisPoints(p.forgivenBp())
                    || p.graceMonths() < 0 || p.instalmentCount() < 0 || p.intervalMonths() < 1
                    || (p.isicPrefix() != null && !p.isicPrefix().matches("[0-9]{1,4}"))) {
                out.add("policy " + p.code() + ": a share, count or ISIC prefix is out of range");
            }
            if (last == null || p.priority() > last.priority()) {
                last = p;
            }
        }
        if (!policies.isEmpty() && (last == null || !"STANDARD".equals(last.code()) || last.isicPrefix() != null
                || last.knowledgeBased())) {
            out.add("policies: the last matched (highest priority) must be STANDARD, for everyone");
        }
        return out;
    }

    private static boolean basisPoints(int bp) {
        return bp >= 0 && bp <= 10_000;
    }

    /** Where the stated result differs from the recomputed one (the first few differences). */
    static List<String> differences(RoundResult stated, RoundResult recomputed) {
        List<String> out = new ArrayList<>();
        if (!stated.mixedSeed().equals(recomputed.mixedSeed())) {
            out.add("mixed seed: stated " + stated.mixedSeed() + ", recomputed " + recomputed.mixedSeed());
        }
        if (stated.applicants().size() != recomputed.applicants().size()) {
            out.add("applicants: stated " + stated.applicants().size() + ", recomputed " + recomputed.applicants().size());
        } else {
            for (int i = 0; i < stated.applicants().size() && out.size() < 10; i++) {
                var s = stated.applicants().get(i);
                var r = recomputed.applicants().get(i);
                if (!s.equals(r)) {
                    out.add("application " + r.id() + ": stated " + s + ", recomputed " + r);
                }
            }
        }
        if (!stated.plots().equals(recomputed.plots())) {
            out.add("plot winners: stated " + stated.plots() + ", recomputed " + recomputed.plots());
        }
        return out;
    }
}

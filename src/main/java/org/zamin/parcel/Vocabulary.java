package org.zamin.parcel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/**
 * The codes plots and estates may carry, in display order, as the database's lookup tables hold them (V440): read
 * once at start, checked by parameter parsing and the import, and sent to the page by {@code GET /api/config}.
 */
public record Vocabulary(Set<String> landUses, Set<String> utilities, Set<String> plotStatuses,
                         Set<String> estateKinds) {

    private static final String SQL = SqlResource.load("parcel/vocabulary");

    public Vocabulary {
        landUses = ordered(landUses);
        utilities = ordered(utilities);
        plotStatuses = ordered(plotStatuses);
        estateKinds = ordered(estateKinds);
    }

    /**
     * Reads the vocabularies; fails when a status the code writes ({@link ParcelStatus}) is missing from the
     * database's list, since every such write would then be refused.
     */
    public static Vocabulary load(Jdbi jdbi) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery(SQL).mapToMap(String.class)
                .forEach(row -> lists.computeIfAbsent(row.get("list"), k -> new ArrayList<>()).add(row.get("code"))));
        var vocabulary = new Vocabulary(set(lists, "landUses"), set(lists, "utilities"), set(lists, "plotStatuses"),
                set(lists, "estateKinds"));
        List<String> missing = Arrays.stream(ParcelStatus.values()).map(Enum::name)
                .filter(s -> !vocabulary.plotStatuses().contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("plot statuses " + missing + " are missing from vocabulary_plot_status");
        }
        return vocabulary;
    }

    private static Set<String> set(Map<String, List<String>> lists, String name) {
        return new LinkedHashSet<>(lists.getOrDefault(name, List.of()));
    }

    private static Set<String> ordered(Set<String> codes) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(codes));
    }
}

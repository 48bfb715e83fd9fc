package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Vacant-block merging as a pure rule: edge neighbours join, neighbours outside the matches do not. */
class BlocksTest {

    @Test
    void neighboursJoinTransitivelyAndOutsidersDoNot() {
        var blocks = Blocks.merge(List.of(
                new Blocks.Plot(1, 100, 30, new long[] {2}),
                new Blocks.Plot(2, 50, 10, new long[] {1, 3}),
                new Blocks.Plot(3, 25, Double.NaN, new long[] {2, 99}),
                new Blocks.Plot(7, 10, 5, new long[] {})));
        assertEquals(2, blocks.size());
        assertEquals(List.of(1L, 2L, 3L), blocks.get(0).plotIds());
        assertEquals(175, blocks.get(0).areaM2(), 1e-9);
        assertEquals(10, blocks.get(0).distanceM(), 1e-9);
        assertEquals(List.of(7L), blocks.get(1).plotIds());
    }
}

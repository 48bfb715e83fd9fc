package org.zamin.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.zamin.http.Representation;

/**
 * The hot tiles, held ready to send (gzip and ETags computed once), bounded by the bytes they hold. Each tile is
 * kept with the map generation it was built at (the database's count of committed statements that changed plots or
 * estates, {@code map_generation()}); a request compares it with the generation read after it arrived
 * ({@link MapGeneration}: one read serves the requests that arrived before it started) and rebuilds a tile kept under
 * an older one, so a hold shows on the very next tile.
 */
public final class TileCache {

    /** What the cache may hold by default: enough for some thousands of dense tiles. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private record Address(TileLayer layer, int z, int x, int y) {
    }

    private record Kept(long generation, Representation tile) {
    }

    private final TileRepository tiles;
    private final MapGeneration generation;
    private final Cache<Address, Kept> kept;

    public TileCache(TileRepository tiles, long maxBytes) {
        this.tiles = tiles;
        this.generation = new MapGeneration(tiles::generation);
        this.kept = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((Address a, Kept k) -> 64 + k.tile().heldBytes()).build();
    }

    /**
     * The tile as it is now: the kept one when it was built at the generation read after this request arrived, else
     * one built now (with the generation read just before it, which is what it is kept under).
     */
    public Representation tile(TileLayer layer, int z, int x, int y) {
        if (z < layer.minZoom) {
            return Representation.compressible(new byte[0], TileRoutes.MEDIA_TYPE);
        }
        Address address = new Address(layer, z, x, y);
        Kept k = kept.getIfPresent(address);
        if (k != null && k.generation() == generation.current()) {
            return k.tile();
        }
        TileRepository.Versioned now = tiles.versionedTile(layer, z, x, y);
        Representation built = Representation.compressible(now.bytes(), TileRoutes.MEDIA_TYPE).prepared();
        kept.put(address, new Kept(now.generation(), built));
        return built;
    }

    /** The number of tiles held now (after pending evictions), for tests and metrics. */
    public long size() {
        kept.cleanUp();
        return kept.estimatedSize();
    }

    /** The bytes the held tiles weigh now (after pending evictions). */
    public long weight() {
        kept.cleanUp();
        return kept.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}

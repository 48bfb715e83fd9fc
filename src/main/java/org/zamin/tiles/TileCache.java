package org.zamin.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.zamin.http.Representation;

/**
 * The hot tiles, held ready to send (gzip and ETags computed once), bounded by the bytes they hold. Each tile is
 * kept with the map generation it was built at (the database's count of committed statements that changed plots or
 * estates, {@code map_generation()}); a request reads the generation first and rebuilds a tile kept under an older
 * one, so a hold shows on the very next tile.
 */
public final class TileCache {

    /** What the cache may hold by default: enough for some thousands of dense tiles. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private record Address(TileLayer layer, int z, int x, int y) {
    }

    private record Kept(long generation, Representation tile) {
    }

    private final TileRepository tiles;
    private final Cache<Address, Kept> kept;

    public TileCache(TileRepository tiles, long maxBytes) {
        this.tiles = tiles;
        this.kept = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((Address a, Kept k) -> 64 + k.tile().heldBytes()).build();
    }

    /**
     * The tile as it is now. The generation is read before the tile is built: a tile built later can only be newer
     * than its generation says, never older, so no reader of that generation gets a tile from before a change.
     */
    public Representation tile(TileLayer layer, int z, int x, int y) {
        if (z < layer.minZoom) {
            return Representation.compressible(new byte[0], TileRoutes.MEDIA_TYPE);
        }
        Address address = new Address(layer, z, x, y);
        Kept k = kept.getIfPresent(address);
        TileRepository.Versioned now = tiles.tileUnlessAt(k == null ? -1 : k.generation(), layer, z, x, y);
        if (now.bytes() == null) {
            return k.tile();
        }
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

package org.zamin.io;

/**
 * What a file may hold, checked before and while reading: its size, the uncompressed size and entry count of an
 * archive, and the number of features.
 */
public record Limits(long maxFileBytes, long maxUncompressedBytes, int maxZipEntries, int maxFeatures) {

    /** 200 MB files, 1 GB uncompressed, 20 archive entries, 200,000 features. */
    public static final Limits DEFAULT = new Limits(200L << 20, 1L << 30, 20, 200_000);
}

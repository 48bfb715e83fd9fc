package org.zamin.io;

import java.io.IOException;

/**
 * A file being written one plot at a time (rows in, nothing kept), so that an export of the whole country takes the
 * same memory as one of a single estate. {@link #finish()} completes the file; a writer not finished is abandoned
 * (its output is not a valid file).
 */
public interface FeatureWriter {

    /** Appends one plot. */
    void write(ExportRow row) throws IOException;

    /** Writes what follows the last plot and flushes; the writer must not be used afterwards. */
    void finish() throws IOException;

    /** Gives up on an unfinished file: closes what the writer holds open (the caller deletes the file). */
    default void abandon() {}

    /** How many rows the writer was given and the extent of their geometries, for formats whose header needs them. */
    record Summary(long count, org.locationtech.jts.geom.Envelope extent) {

        /** The summary of rows already in memory. */
        public static Summary of(Iterable<ExportRow> rows) {
            long n = 0;
            org.locationtech.jts.geom.Envelope extent = new org.locationtech.jts.geom.Envelope();
            for (ExportRow r : rows) {
                n++;
                extent.expandToInclude(r.geometry().getEnvelopeInternal());
            }
            return new Summary(n, extent);
        }
    }
}

package org.zamin.db;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a large result a batch at a time: one pooled connection in a read-only {@code REPEATABLE READ} transaction
 * (autocommit off, so the driver fetches {@link #FETCH_ROWS} rows per round trip instead of the whole result), always
 * ended. When the work fails — an {@link Error} such as {@code OutOfMemoryError} included — the connection is closed
 * instead of handed back to the pool: a connection left in the middle of a result would give its leftover rows to
 * the next request that borrows it.
 */
public final class ReadCursor {

    private static final Logger log = LoggerFactory.getLogger(ReadCursor.class);

    /** Rows the driver holds at a time. */
    public static final int FETCH_ROWS = 1_000;

    private ReadCursor() {}

    /** Work done on the cursor's handle (queries it makes with {@code setFetchSize(FETCH_ROWS)} stream). */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        T read(Handle handle) throws X;
    }

    /** Runs {@code work} in a read-only snapshot on one connection of {@code jdbi}, streaming what it queries. */
    public static <T, X extends Exception> T read(Jdbi jdbi, Work<T, X> work) throws X {
        Handle h = jdbi.open();
        boolean ended = false;
        try {
            h.begin();
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            T result = work.read(h);
            h.rollback();
            ended = true;
            return result;
        } finally {
            if (ended) {
                h.close();
            } else {
                discard(h);
            }
        }
    }

    /**
     * Closes the handle's connection for good (the pool drops it and opens another) and the handle, without
     * throwing: called on a failure, whose own exception is the one that matters.
     */
    public static void discard(Handle h) {
        try {
            h.getConnection().abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            log.warn("could not abort a connection after a failure: {}", e.getMessage());
        }
        try {
            h.close();
        } catch (RuntimeException e) {
            // the handle's own rollback fails on the aborted connection; the pool has dropped it
        }
    }

    /**
     * A {@link HandleCallbackDecorator} for every handle of a {@link Jdbi}: an {@link Error} thrown while a callback
     * holds the handle (out of memory in the middle of reading a result) discards its connection the same way.
     */
    public static HandleCallbackDecorator discardOnError() {
        return new HandleCallbackDecorator() {
            @Override
            public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
                return h -> {
                    try {
                        return callback.withHandle(h);
                    } catch (Error e) {
                        try {
                            h.getConnection().abort(Runnable::run);
                        } catch (SQLException | RuntimeException ignored) {
                            // the Error is what the caller must see
                        }
                        throw e;
                    }
                };
            }
        };
    }
}

package org.zamin.tiles;

import java.util.function.LongSupplier;

/**
 * The map generation as of a moment after the caller asked: one database read at a time, and every caller that
 * arrived before a read started shares it (callers arriving during a read wait for the next one, which starts after
 * them and so sees every change committed before they asked). Under load one small query serves many tile requests
 * instead of one each; a read that fails fails its own caller, and the waiting callers start another.
 */
final class MapGeneration {

    private final LongSupplier read;
    private long started;
    private long finished;
    private boolean reading;
    private long value;

    MapGeneration(LongSupplier read) {
        this.read = read;
    }

    long current() {
        long needed;
        synchronized (this) {
            needed = started + 1;
            while (finished < needed) {
                if (!reading) {
                    reading = true;
                    started++;
                    break;
                }
                waitForRead();
            }
            if (finished >= needed) {
                return value;
            }
        }
        boolean done = false;
        long v = 0;
        try {
            v = read.getAsLong();
            done = true;
            return v;
        } finally {
            synchronized (this) {
                reading = false;
                if (done) {
                    finished = started;
                    value = v;
                }
                notifyAll();
            }
        }
    }

    private void waitForRead() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the map generation", e);
        }
    }
}

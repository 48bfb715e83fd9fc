package org.zamin.parcel;

/**
 * The plot statuses the service's own rules write (holds, allocations, the idle scan). The full list, in display
 * order, is the database's ({@link Vocabulary#plotStatuses()}); {@link Vocabulary#load} checks that it holds these.
 */
public enum ParcelStatus {
    AVAILABLE, RESERVED, ALLOCATED, UNDER_CONSTRUCTION, IN_PRODUCTION, IDLE, RECLAIMING, NOT_OFFERED
}

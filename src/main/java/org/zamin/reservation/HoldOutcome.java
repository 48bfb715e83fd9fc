package org.zamin.reservation;

/**
 * How the database answered one application for a hold ({@code reservation_hold_set}, R__reservation_hold.sql, names
 * each in lower case). Only {@link #HELD} and {@link #REPLAY} are a reservation; the others are refusals.
 */
public enum HoldOutcome {
    /** The plots are held: a new reservation. */
    HELD,
    /** The same request under the same Idempotency-Key again: the first answer, unchanged. */
    REPLAY,
    /** Another request under an Idempotency-Key already used. */
    KEY_REUSED,
    /** A requested plot is unknown or not AVAILABLE. */
    UNAVAILABLE,
    /** The plots lie in more than one estate. */
    DIFFERENT_ESTATES,
    /** The plots do not form one block of neighbouring plots. */
    NOT_ADJACENT,
    /** The investor already has as many open reservations as allowed. */
    CAP,
    /** The investor is not verified or has not paid the open-offer deposit (what is missing comes with it). */
    UNVERIFIED,
    /** The investor's hold on a requested plot lapsed less than the cool-down ago. */
    COOLDOWN
}

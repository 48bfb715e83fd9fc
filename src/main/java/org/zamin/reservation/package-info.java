/**
 * Reservations: investors hold plots (one, or adjacent ones together), pay the deposit through a payment gateway, and
 * officers approve or reject; holds lapse on their own. Where each thing lives:
 * <ul>
 *   <li>the rules of a hold: the set-based database function {@code reservation_hold_set}
 *       (db/migration/R__reservation_hold.sql); {@code reservation_hold_many} passes it every application of a batch
 *       — the applications that arrive together, sent by {@link org.zamin.reservation.ReservationService} through
 *       {@link org.zamin.db.Batcher} in one transaction; its outcome reaches Java as
 *       {@link org.zamin.reservation.HoldOutcome};</li>
 *   <li>the reservation document (GET /api/reservations/{id}, the list, the 201 answer of a hold): the function
 *       {@code reservation_document} (R__reservation_document.sql), read through {@code reservation_json};</li>
 *   <li>the lifecycle (which status may follow which): {@link org.zamin.reservation.ReservationStatus} and, in the
 *       database, the trigger of R__reservation_transition.sql;</li>
 *   <li>the service's queries: {@code sql/reservation/*.sql}, run by {@code ReservationRepository}.</li>
 * </ul>
 * Refusals are {@code org.zamin.domain} exceptions; only the routes and the error mapper speak HTTP. One active
 * reservation per plot is a database guarantee (a unique index).
 */
package org.zamin.reservation;

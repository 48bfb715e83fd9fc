/**
 * Reservations: investors hold plots (one, or adjacent ones together), pay the deposit through a payment gateway, and
 * officers approve or reject; holds lapse on their own. New holds are taken in batches of the applications that arrive
 * together (V430__reservation_hold.sql). One active reservation per plot is a database guarantee.
 */
package org.zamin.reservation;

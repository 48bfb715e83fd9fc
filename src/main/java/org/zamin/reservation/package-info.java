/**
 * Reservations: investors hold plots (one, or adjacent ones together), pay the deposit through a payment gateway, and
 * officers approve or reject; holds lapse on their own. One active reservation per plot is a database guarantee.
 */
package org.zamin.reservation;

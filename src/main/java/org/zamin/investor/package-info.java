/**
 * Investors made fit to hold land in an OPEN offer: their identity number (national ID or company national ID,
 * checked by its check digit), documents verified by staff, and the refundable open-offer deposit paid through the
 * payment gateway before any hold. The hold itself checks all of it in the database (R__reservation_hold.sql).
 */
package org.zamin.investor;

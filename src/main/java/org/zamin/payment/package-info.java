/**
 * Payments on the gateway's own page: the server opens a session (amount and return URL) for a reservation's deposit
 * or a contract instalment or idle charge (idle fee, paid extension), the payer confirms or cancels on the gateway's page, and the server records the payment
 * only from the gateway's confirmation, once. Also the contract's instalments as rows (paid, due, overdue), their
 * receipts, the overdue list of an officer's estates, and the instalment reminders. SQL in {@code sql/payment/*.sql};
 * the rules of a paid instalment or idle charge are in the database too (R__payment_guards.sql).
 */
package org.zamin.payment;

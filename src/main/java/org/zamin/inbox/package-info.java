/**
 * Notifications: every one lands in the user's in-app inbox, and goes by e-mail too when SMTP is configured. The SQL
 * is in {@code sql/inbox/*.sql}, run by {@code InboxRepository}; {@code Notifier} writes in the caller's transaction.
 */
package org.zamin.inbox;

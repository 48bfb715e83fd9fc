/** Notifications: every one lands in the user's in-app inbox, and goes by e-mail too when SMTP is configured. */
package org.zamin.inbox;

package org.zamin.decision;

import java.util.Optional;
import org.zamin.account.Role;

/** Who made a decision: a user in a role, or the system itself (scheduled jobs, expiry). */
public record Actor(Optional<Long> userId, String role) {

    /** Scheduled jobs and automatic transitions. */
    public static final Actor SYSTEM = new Actor(Optional.empty(), "system");

    public static Actor user(long userId, Role role) {
        return new Actor(Optional.of(userId), role.label());
    }
}

package org.zamin.account;

import java.util.Set;

/** The signed-in user a request acts for: who, in which role, and (officers) which estates they manage. */
public record CurrentUser(long id, String email, Role role, Set<String> estateCodes) {

    public CurrentUser {
        estateCodes = Set.copyOf(estateCodes);
    }
}

package org.zamin.account;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.zamin.domain.Forbidden;
import org.zamin.domain.NotSignedIn;

/**
 * Who may call one route: anyone ({@link #PUBLIC}), or signed-in users of the listed roles, each with the scope of
 * records the route reaches for that role. A visitor on a non-public route gets 401, a role that is not listed 403;
 * a record outside the role's scope is refused further in (404 for investors, 403 for staff: {@link Visibility}).
 *
 * @param open true when visitors (and every role) may call the route
 * @param grants the roles allowed and their scope (empty when {@code open})
 */
public record Access(boolean open, Map<Role, Scope> grants) {

    /** Anyone, signed in or not. */
    public static final Access PUBLIC = new Access(true, Map.of());
    /** Every signed-in user, on their own records (profile, tokens, inbox). */
    public static final Access SIGNED_IN = of(Role.INVESTOR, Scope.OWN, Role.OFFICER, Scope.OWN,
            Role.PLANNER, Scope.OWN, Role.ADMIN, Scope.OWN);
    /** Investors only, on their own records (applications, contracts, replies). */
    public static final Access HOLDER = of(Role.INVESTOR, Scope.OWN);
    /** Investors on their own records, officers on their estates', admins on all (applications, contracts). */
    public static final Access PARTIES = of(Role.INVESTOR, Scope.OWN, Role.OFFICER, Scope.ESTATE,
            Role.ADMIN, Scope.ALL);
    /** Officers on their estates' records, admins on all (milestones, inspections, idle cases, imports). */
    public static final Access STAFF = of(Role.OFFICER, Scope.ESTATE, Role.ADMIN, Scope.ALL);
    /** Officers only, on their estates' records (deciding applications). */
    public static final Access ESTATE_OFFICER = of(Role.OFFICER, Scope.ESTATE);
    /** Administrators only, over everything (the service's metrics). */
    public static final Access ADMIN_ONLY = of(Role.ADMIN, Scope.ALL);
    /** Planners and admins, over every estate (availability, statistics). */
    public static final Access PLANNING = of(Role.PLANNER, Scope.ALL, Role.ADMIN, Scope.ALL);

    public Access {
        grants = Collections.unmodifiableMap(grants.isEmpty() ? new EnumMap<>(Role.class) : new EnumMap<>(grants));
        if (open != grants.isEmpty()) {
            throw new IllegalArgumentException("a route is either public or lists the roles that may call it");
        }
    }

    /** Roles and their scopes, given as role, scope, role, scope… */
    static Access of(Object... roleScopePairs) {
        Map<Role, Scope> grants = new EnumMap<>(Role.class);
        for (int i = 0; i < roleScopePairs.length; i += 2) {
            grants.put((Role) roleScopePairs[i], (Scope) roleScopePairs[i + 1]);
        }
        return new Access(false, grants);
    }

    /** The scope {@code role} has on this route, empty when the role may not call it. */
    public Optional<Scope> scopeOf(Role role) {
        return Optional.ofNullable(grants.get(role));
    }

    /** Admits the caller or throws: 401 {@code unauthorized} for a visitor, 403 {@code forbidden} for another role. */
    void admit(Optional<CurrentUser> caller) {
        if (open) {
            return;
        }
        CurrentUser user = caller.orElseThrow(() -> new NotSignedIn("unauthorized", "please sign in"));
        if (!grants.containsKey(user.role())) {
            throw new Forbidden("not allowed for the " + user.role().label() + " role");
        }
    }

    /** "public", or "investor: own, officer: estate" for the access table in the documentation. */
    public String describe() {
        return open ? "public" : grants.entrySet().stream()
                .map(e -> e.getKey().label() + ": " + e.getValue().label()).collect(Collectors.joining(", "));
    }
}

package org.zamin.account;

/**
 * Whose records a role reaches through a route: {@link Visibility} is what enforces it on each record, the route
 * table ({@link RouteAccess}) is where it is declared.
 */
public enum Scope {
    /** The caller's own records (an investor's applications and contracts, anyone's inbox and tokens). */
    OWN,
    /** The records of the estates the caller manages (officers). */
    ESTATE,
    /** Every record (admins; planners for statistics over all estates). */
    ALL;

    /** The lower-case name used in the access table's documentation and test names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

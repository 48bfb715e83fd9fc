package org.zamin.account;

/** What a signed-in user may do (SPEC "Users and what they do"); visitors have no role. */
public enum Role {
    INVESTOR, OFFICER, PLANNER, ADMIN;

    /** The lower-case name used in the decision log and the API. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

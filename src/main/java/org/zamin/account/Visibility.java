package org.zamin.account;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see what, built once from the request's user and passed down to services and repositories, so the rule
 * "an investor sees their own, an officer their estates', an admin everything, a planner and a visitor no one's
 * records" is written here and nowhere else.
 *
 * @param role the user's role, or null for a visitor
 * @param userId the user's id (0 for a visitor)
 * @param estateCodes the estates an officer manages (empty for everyone else)
 */
public record Visibility(Role role, long userId, Set<String> estateCodes) {

    /** Someone who has not signed in. */
    public static final Visibility VISITOR = new Visibility(null, 0, Set.of());

    /** The operator's own jobs (the daily scan, the command line): every estate's records, as an admin sees them. */
    public static final Visibility OPERATOR = new Visibility(Role.ADMIN, 0, Set.of());

    public Visibility {
        estateCodes = role == Role.OFFICER ? Set.copyOf(estateCodes) : Set.of();
    }

    /** What {@code user} may see. */
    public static Visibility of(CurrentUser user) {
        return new Visibility(user.role(), user.id(), user.estateCodes());
    }

    /** What the request's user may see: {@link #VISITOR} when no one is signed in. */
    public static Visibility of(Optional<CurrentUser> user) {
        return user.map(Visibility::of).orElse(VISITOR);
    }

    public boolean isVisitor() {
        return role == null;
    }

    /** Admins see every estate's records. */
    public boolean seesAllEstates() {
        return role == Role.ADMIN;
    }

    /** The records of this estate: an admin's, or an officer's who manages it. */
    public boolean seesEstate(String estateCode) {
        return seesAllEstates() || estateCodes.contains(estateCode);
    }

    /** True when this is the investor {@code investorId} (only investors own records). */
    public boolean isOwner(long investorId) {
        return role == Role.INVESTOR && userId == investorId;
    }

    /** An investor's record (an application, an allocation, a case) in an estate: its owner, or staff of the estate. */
    public boolean seesRecord(long investorId, String estateCode) {
        return isOwner(investorId) || seesEstate(estateCode);
    }

    /**
     * Staff (officers, planners, admins) are told a record exists but is not theirs (403); investors and visitors
     * are not told it exists at all (404).
     */
    public boolean isStaff() {
        return role == Role.OFFICER || role == Role.PLANNER || role == Role.ADMIN;
    }

    /** Staff who act on estates' records: officers and admins (planners only read statistics). */
    public boolean actsOnEstates() {
        return role == Role.OFFICER || role == Role.ADMIN;
    }

    /** For SQL: the investor whose records alone are visible, or null when not restricted to one owner. */
    public Long ownerIdOrNull() {
        return role == Role.INVESTOR ? userId : null;
    }

    /** For SQL: true when rows are restricted to {@link #estateCodesOrEmpty()} (everyone but investors and admins). */
    public boolean estateScoped() {
        return role != Role.INVESTOR && role != Role.ADMIN;
    }

    /** For SQL: the estates whose rows are visible, or null when not restricted by estate. */
    public List<String> estateCodesOrNull() {
        return estateScoped() ? List.copyOf(estateCodes) : null;
    }

    /** For SQL {@code = ANY(:estates)}, bound together with {@link #estateScoped()}. */
    public List<String> estateCodesOrEmpty() {
        return List.copyOf(estateCodes);
    }
}

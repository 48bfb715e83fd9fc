package org.zamin.allocation;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.http.ApiException;

/**
 * Who may see or act on an allocation: its holder, an officer of its estate, an admin. Anyone else gets 404
 * (not yours), an officer of another estate 403.
 */
public record AllocationAccess(long allocationId, long investorId, String estateCode, String estateKind,
        String status, List<Long> parcelIds) {

    /** Loads the allocation (locking its row when {@code forUpdate}) and checks {@code user} may touch it. */
    public static AllocationAccess load(Handle h, CurrentUser user, long id, boolean forUpdate) {
        var a = find(h, id, forUpdate);
        if (a == null) {
            throw ApiException.notFound("allocation " + id);
        }
        boolean ok = switch (user.role()) {
            case ADMIN -> true;
            case OFFICER -> user.managesEstate(a.estateCode());
            case INVESTOR -> a.investorId() == user.id();
            default -> false;
        };
        if (!ok) {
            if (user.role() == Role.OFFICER || user.role() == Role.PLANNER) {
                throw new ApiException(403, "forbidden", "this allocation is not in an estate you manage");
            }
            throw ApiException.notFound("allocation " + id);
        }
        return a;
    }

    /** The allocation without an access check (system jobs), or null. */
    public static AllocationAccess find(Handle h, long id, boolean forUpdate) {
        return h.createQuery("""
                SELECT a.id, a.investor_id, e.code, e.kind, a.status,
                       ARRAY(SELECT parcel_id FROM allocation_parcel WHERE allocation_id = a.id ORDER BY parcel_id) AS parcels
                  FROM allocation a JOIN estate e ON e.id = a.estate_id
                 WHERE a.id = :id""" + (forUpdate ? " FOR UPDATE OF a" : ""))
                .bind("id", id)
                .map((rs, ctx) -> new AllocationAccess(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), List.of((Long[]) rs.getArray(6).getArray())))
                .findOne().orElse(null);
    }

    /** Officers (and admins) only. */
    public static void requireStaff(CurrentUser user) {
        if (user.role() != Role.OFFICER && user.role() != Role.ADMIN) {
            throw new ApiException(403, "forbidden", "only an officer of the estate may do this");
        }
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}

package org.zamin.allocation;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.zamin.account.Visibility;
import org.zamin.domain.Forbidden;
import org.zamin.domain.NotFound;

/**
 * Who may see or act on an allocation: its holder, an officer of its estate, an admin ({@link Visibility}). Staff
 * who may not see it get 403 (not your estate), anyone else 404 (not yours).
 */
public record AllocationAccess(long allocationId, long investorId, String estateCode, String estateKind,
        String status, List<Long> parcelIds) {

    /** Loads the allocation (locking its row when {@code forUpdate}) and checks it is visible to {@code who}. */
    public static AllocationAccess load(Handle h, Visibility who, long id, boolean forUpdate) {
        var a = ContractRepository.allocation(h, id, forUpdate).orElseThrow(() -> new NotFound("allocation " + id));
        if (!who.seesRecord(a.investorId(), a.estateCode())) {
            if (who.isStaff()) {
                throw new Forbidden("this allocation is not in an estate you manage");
            }
            throw new NotFound("allocation " + id);
        }
        return a;
    }

    /** Officers (and admins) only. */
    public static void requireStaff(Visibility who) {
        if (!who.actsOnEstates()) {
            throw new Forbidden("only an officer of the estate may do this");
        }
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}

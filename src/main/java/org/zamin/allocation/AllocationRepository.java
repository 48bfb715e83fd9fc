package org.zamin.allocation;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.Visibility;
import org.zamin.db.SqlResource;
import org.zamin.domain.Forbidden;
import org.zamin.domain.NotFound;

/** Allocations as JSON documents ({@code allocation/json.sql}), only those a {@link Visibility} sees. */
public final class AllocationRepository {

    private static final String JSON = SqlResource.load("allocation/json");
    private static final String EXISTS = SqlResource.load("allocation/exists");

    private final Jdbi jdbi;

    public AllocationRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The newest {@code limit} allocations {@code who} sees, as JSON objects. */
    public List<String> list(Visibility who, int limit) {
        return json(who, null, limit);
    }

    /** One allocation as a JSON object: 403 for staff of another estate, 404 when missing or not the caller's. */
    public String get(Visibility who, long id) {
        List<String> found = json(who, id, 1);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        if (who.isStaff() && exists(id)) {
            throw new Forbidden("this allocation is in an estate you do not manage");
        }
        throw new NotFound("allocation " + id);
    }

    private boolean exists(long id) {
        return jdbi.withHandle(h -> h.createQuery(EXISTS).bind("id", id).mapTo(Boolean.class).one());
    }

    private List<String> json(Visibility who, Long id, int limit) {
        return jdbi.withHandle(h -> h.createQuery(JSON)
                .bind("id", id).bind("investor", who.ownerIdOrNull()).bind("scoped", who.estateScoped())
                .bindArray("estates", String.class, who.estateCodesOrEmpty())
                .bind("limit", limit).mapTo(String.class).list());
    }
}

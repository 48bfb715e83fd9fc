package org.zamin.testing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Makes allocations for tests the way an approval does (an approved reservation, the allocation, its plots). */
public final class TestAllocations {

    private TestAllocations() {}

    /** An allocation of {@code parcelIds} to {@code investorId}, signed on {@code signedOn}; returns its id. */
    public static long create(TestEstates.Estate estate, long investorId, List<Long> parcelIds, LocalDate signedOn,
            boolean knowledgeBased) {
        var created = signedOn.atTime(10, 0).atOffset(ZoneOffset.UTC);
        return TestServer.get().ownerJdbi().inTransaction(h -> {
            long reservation = h.createQuery("""
                    INSERT INTO reservation (investor_id, estate_id, status, activity_isic, investment, jobs,
                                             knowledge_based, deposit_amount, created_at, hold_expires_at, submitted_at,
                                             closed_at)
                    VALUES (:inv, :estate, 'APPROVED', '2599', 1000000000, 20, :kb, 1000000, :at, CAST(:at AS timestamptz) + interval '72 hours',
                            :at, :at) RETURNING id""")
                    .bind("inv", investorId).bind("estate", estate.id()).bind("kb", knowledgeBased).bind("at", created)
                    .mapTo(Long.class).one();
            long allocation = h.createQuery("""
                    INSERT INTO allocation (reservation_id, investor_id, estate_id, created_at)
                    VALUES (:r, :inv, :estate, :at) RETURNING id""")
                    .bind("r", reservation).bind("inv", investorId).bind("estate", estate.id()).bind("at", created)
                    .mapTo(Long.class).one();
            for (long p : parcelIds) {
                h.createUpdate("INSERT INTO allocation_parcel (allocation_id, parcel_id) VALUES (:a, :p)")
                        .bind("a", allocation).bind("p", p).execute();
                h.createUpdate("UPDATE parcel SET status = 'ALLOCATED' WHERE id = :p").bind("p", p).execute();
            }
            return allocation;
        });
    }
}

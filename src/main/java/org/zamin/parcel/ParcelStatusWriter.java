package org.zamin.parcel;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;

/**
 * The one place in Java that changes a plot's public status: it calls {@code parcel_set_status}, the SQL function
 * every other status write goes through, inside the caller's transaction.
 */
public final class ParcelStatusWriter {

    private static final String SET_STATUS = SqlResource.load("parcel/set_status");

    private ParcelStatusWriter() {}

    /** Sets {@code to} on the plots not already in it; returns the plots that changed. */
    public static List<Long> set(Handle h, Collection<Long> parcelIds, ParcelStatus to) {
        return call(h, parcelIds, to, null);
    }

    /** Sets {@code to} only on the plots now in one of {@code from}; returns the plots that changed. */
    public static List<Long> change(Handle h, Collection<Long> parcelIds, ParcelStatus to, ParcelStatus... from) {
        return call(h, parcelIds, to, Arrays.stream(from).map(Enum::name).toArray(String[]::new));
    }

    private static List<Long> call(Handle h, Collection<Long> parcelIds, ParcelStatus to, String[] from) {
        return h.createQuery(SET_STATUS)
                .bindArray("ids", Long.class, parcelIds)
                .bind("to", to.name())
                .bindArray("from", String.class, from)
                .mapTo(Long.class).list();
    }
}

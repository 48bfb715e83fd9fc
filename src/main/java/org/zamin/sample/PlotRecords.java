package org.zamin.sample;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;

/**
 * The check that every taken plot has the record that explains its status (a reservation or round, an allocation, an
 * idle case): a plot shown RESERVED with nothing behind it would never be freed. The sample loaders run it before they
 * commit; tests run it on the loaded sample.
 */
public final class PlotRecords {

    private static final String UNEXPLAINED = SqlResource.load("sample/unexplained_plots");

    /** A plot whose status nothing explains. */
    public record Unexplained(long id, String estate, String plotNumber, String status) {
        @Override
        public String toString() {
            return estate + " " + plotNumber + " (" + id + ") " + status;
        }
    }

    private PlotRecords() {}

    /** The plots of the estates whose code is LIKE {@code estateCodes} that nothing explains; empty when all is well. */
    public static List<Unexplained> unexplained(Handle h, String estateCodes) {
        return h.createQuery(UNEXPLAINED).bind("estates", estateCodes)
                .map((rs, ctx) -> new Unexplained(rs.getLong("id"), rs.getString("estate"), rs.getString("plot_number"),
                        rs.getString("status")))
                .list();
    }
}

package org.zamin.ogc;

import java.util.List;
import org.zamin.ogc.cql2.Queryable;
import org.zamin.ogc.cql2.Queryable.Type;

/** The properties a CQL2 filter may name in the idle-register collection (columns of the view idle_register). */
final class IdleRegisterQueryables {

    static final List<Queryable> LIST = List.of(
            new Queryable("id", "v.id", Type.STRING, List.of(), "The entry: case and plot"),
            new Queryable("caseId", "v.case_id", Type.INTEGER, List.of(), "The idle case"),
            new Queryable("plotId", "v.parcel_id", Type.INTEGER, List.of(), "The plot's number in Zamin"),
            new Queryable("plotNumber", "v.plot_number", Type.STRING, List.of(), "The plot's number in its estate"),
            new Queryable("estate", "v.estate", Type.STRING, List.of(), "The estate's code"),
            new Queryable("estateName", "v.estate_name", Type.STRING, List.of(), "The estate's name"),
            new Queryable("province", "v.province", Type.STRING, List.of(), "The province's code"),
            new Queryable("areaM2", "v.area_m2", Type.NUMBER, List.of(), "Area in square metres"),
            new Queryable("idleSince", "CAST(v.idle_since AS timestamptz)", Type.DATE_TIME, List.of(),
                    "The day the plot was found idle"),
            new Queryable("stage", "v.stage", Type.STRING, List.of(), "OPEN, WARNING_n, REVIVAL_PLAN or the outcome"),
            new Queryable("warnings", "v.warnings", Type.INTEGER, List.of(), "Warnings served"),
            new Queryable("outcome", "v.outcome", Type.STRING, List.of(), "EXTENDED, RECLAIMED or REVIVED once closed"),
            new Queryable("updatedAt", "v.updated_at", Type.DATE_TIME, List.of(), "Last change"),
            new Queryable("geometry", "v.geom", Type.GEOMETRY, List.of(), "The plot's boundary"));

    private IdleRegisterQueryables() {}
}

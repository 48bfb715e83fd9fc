package org.zamin.parcel;

import java.util.Set;

/** The fixed vocabularies of a plot's attributes (the database checks the same lists). */
public final class ParcelAttributes {

    public static final Set<String> LAND_USES = Set.of("industrial", "warehouse", "workshop", "services", "green", "road");
    public static final Set<String> UTILITIES = Set.of("water", "power", "gas", "telecom", "wastewater");

    private ParcelAttributes() {}
}

package org.zamin.parcel;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A plot's public status, as the map colours it (the database checks the same list). */
public enum ParcelStatus {
    AVAILABLE, RESERVED, ALLOCATED, UNDER_CONSTRUCTION, IN_PRODUCTION, IDLE, RECLAIMING, NOT_OFFERED;

    public static final Set<String> NAMES =
            Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
}

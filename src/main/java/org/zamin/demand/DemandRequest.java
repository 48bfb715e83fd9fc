package org.zamin.demand;

import java.util.List;

/**
 * A standing request as an investor sends it: a province code or up to {@link DemandService#MAX_ESTATES} estate
 * codes, an area range in m², a land use, the utilities the plot must have and the activity (a four-digit ISIC
 * code). Numbers may come as text with Persian or Arabic-Indic digits.
 */
public record DemandRequest(String province, List<String> estates, String minAreaM2, String maxAreaM2, String landUse,
        List<String> utilities, String activity) {}

package org.zamin.parcelimport;

import java.util.Optional;
import org.zamin.decision.Actor;
import org.zamin.io.Limits;

/** How to import: into which estate, by whom, the CRS override, the attribute columns, and the switches. */
public record ImportOptions(String estateCode, Actor actor, boolean dryRun, int srid, boolean skipInvalid,
        boolean forceResurvey, Optional<String> plotNumberField, Optional<String> landUseField,
        Optional<String> priceField, Limits limits, boolean preview) {

    /** Defaults: apply, CRS from the file, all-or-nothing, no re-survey, guessed columns, default limits. */
    public static ImportOptions of(String estateCode, Actor actor) {
        return new ImportOptions(estateCode, actor, false, 0, false, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Limits.DEFAULT, false);
    }

    public ImportOptions withDryRun(boolean v) {
        return new ImportOptions(estateCode, actor, v, srid, skipInvalid, forceResurvey, plotNumberField,
                landUseField, priceField, limits, preview);
    }

    public ImportOptions withSrid(int v) {
        return new ImportOptions(estateCode, actor, dryRun, v, skipInvalid, forceResurvey, plotNumberField,
                landUseField, priceField, limits, preview);
    }

    public ImportOptions withSkipInvalid(boolean v) {
        return new ImportOptions(estateCode, actor, dryRun, srid, v, forceResurvey, plotNumberField, landUseField,
                priceField, limits, preview);
    }

    public ImportOptions withForceResurvey(boolean v) {
        return new ImportOptions(estateCode, actor, dryRun, srid, skipInvalid, v, plotNumberField, landUseField,
                priceField, limits, preview);
    }

    public ImportOptions withFields(Optional<String> plot, Optional<String> landUse, Optional<String> price) {
        return new ImportOptions(estateCode, actor, dryRun, srid, skipInvalid, forceResurvey, plot, landUse, price,
                limits, preview);
    }

    public ImportOptions withLimits(Limits v) {
        return new ImportOptions(estateCode, actor, dryRun, srid, skipInvalid, forceResurvey, plotNumberField,
                landUseField, priceField, v, preview);
    }

    public ImportOptions withPreview(boolean v) {
        return new ImportOptions(estateCode, actor, dryRun, srid, skipInvalid, forceResurvey, plotNumberField,
                landUseField, priceField, limits, v);
    }
}

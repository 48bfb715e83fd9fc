package org.zamin.decision;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reasons the service itself writes into the log (an officer's reason is the officer's own text). The log keeps
 * the English text, which is hashed into the chain and never changes; the public view adds the reason's message key
 * ({@code decisions.reason.*} in {@code web/i18n}) so a reader sees it in their language.
 */
public enum SystemReason {
    HOLD_DEPOSIT_UNPAID("the deposit was not paid before the hold ended", "holdDepositUnpaid"),
    AWARD_DEPOSIT_UNPAID("the deposit was not paid before the award's deadline", "awardDepositUnpaid"),
    SAMPLE_DATA("sample data", "sampleData"),
    SAMPLE_PAPER_REGISTER("sample data migrated from the paper register", "samplePaperRegister"),
    PARCEL_FILE_IMPORTED("parcel file imported", "parcelFileImported"),
    PARCEL_FILE_IMPORTED_SKIPPING_INVALID("parcel file imported with --skip-invalid",
            "parcelFileImportedSkippingInvalid"),
    TAKEN_PLOT_RESURVEYED("geometry of a taken plot replaced by an import with --force-resurvey",
            "takenPlotResurveyed");

    private final String text;
    private final String key;

    SystemReason(String text, String key) {
        this.text = text;
        this.key = "decisions.reason." + key;
    }

    /** The English text stored in the log. */
    public String text() {
        return text;
    }

    /** The message key a reader's page renders instead of the text. */
    public String key() {
        return key;
    }

    /** Every reason's text to its key, for the public view. */
    public static Map<String, String> keysByText() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (SystemReason r : values()) {
            keys.put(r.text, r.key);
        }
        return keys;
    }
}

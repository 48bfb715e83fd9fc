package org.zamin.allocation;

import java.util.Optional;

/** Whether an extension may be requested or granted under a contract's terms; the answer is a refusal code. */
public final class ExtensionPolicy {

    /** The most months one extension request may ask for under any terms (the database holds the same). */
    public static final int MAX_MONTHS = 60;

    private ExtensionPolicy() {}

    /** Empty when {@code months} may be granted after {@code alreadyGranted} extensions; else why not. */
    public static Optional<String> refusal(ContractTerms terms, int alreadyGranted, int months) {
        if (months < 1 || months > terms.maxExtensionMonths()) {
            return Optional.of("extension_too_long");
        }
        if (alreadyGranted >= terms.maxExtensions()) {
            return Optional.of("extensions_exhausted");
        }
        return Optional.empty();
    }
}

package org.zamin.domain;

import java.util.Optional;

/**
 * A whole number as a person types it: Western, Persian (۰–۹) or Arabic-Indic (٠–٩) digits, optionally grouped with
 * commas or the Arabic thousands separator (٬); JSON numbers arrive here as their text.
 */
public final class WholeNumber {

    private WholeNumber() {}

    /** The value, or empty when the text is missing, not a whole number, or beyond a {@code long}. */
    public static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder();
        String s = text.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '۰' && c <= '۹') {
                digits.append((char) ('0' + (c - '۰')));
            } else if (c >= '٠' && c <= '٩') {
                digits.append((char) ('0' + (c - '٠')));
            } else if (c >= '0' && c <= '9' || (c == '-' && i == 0)) {
                digits.append(c);
            } else if (c != ',' && c != '٬') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Long.parseLong(digits.toString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The text with Persian (۰–۹) and Arabic-Indic (٠–٩) digits replaced by ASCII digits, so either may be typed. */
    public static String latinDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u06F0' && c <= '\u06F9') {
                c = (char) ('0' + (c - '\u06F0'));
            } else if (c >= '\u0660' && c <= '\u0669') {
                c = (char) ('0' + (c - '\u0660'));
            }
            out.append(c);
        }
        return out.toString();
    }
}

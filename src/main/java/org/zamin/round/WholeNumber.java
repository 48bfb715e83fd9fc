package org.zamin.round;

import java.util.Optional;

/**
 * A whole number as a person types it: Western, Persian (۰–۹) or Arabic-Indic (٠–٩) digits, optionally grouped with
 * commas or the Arabic thousands separator (٬); JSON numbers arrive here as their text.
 */
final class WholeNumber {

    private WholeNumber() {}

    /** The value, or empty when the text is missing, not a whole number, or beyond a {@code long}. */
    static Optional<Long> parse(String text) {
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
}

package org.zamin.investor;

import java.util.Optional;
import org.zamin.domain.Invalid;

/**
 * An Iranian identity number: a person's national ID (کد ملی, 10 digits, not all the same, the last a check digit)
 * or a company's national ID (شناسه ملی, 11 digits, the last a check digit). Persian and Arabic-Indic digits are
 * read as ASCII digits; the database checks the same rule (iran_id_valid, R__investor_identity.sql).
 */
public final class NationalId {

    /** Which kind of number it is. */
    public enum Kind { PERSON, COMPANY }

    private static final int[] COMPANY_WEIGHTS = {29, 27, 23, 19, 17};

    private NationalId() {}

    /** The number in ASCII digits, or 422 {@code invalid_national_id}. */
    public static String normalise(String raw) {
        return parse(raw).orElseThrow(() -> new Invalid("invalid_national_id",
                "not a valid national ID (10 digits) or company national ID (11 digits): check the digits"));
    }

    /** The number in ASCII digits when it is a valid national or company ID. */
    public static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.length() < 10 || s.length() > 11) {
            return Optional.empty();
        }
        StringBuilder ascii = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 10); // ASCII, Persian and Arabic-Indic digits
            if (d < 0) {
                return Optional.empty();
            }
            ascii.append((char) ('0' + d));
        }
        String id = ascii.toString();
        boolean valid = id.length() == 10 ? personValid(id) : companyValid(id);
        return valid ? Optional.of(id) : Optional.empty();
    }

    /** The kind of a valid number. */
    public static Kind kindOf(String validId) {
        return validId.length() == 10 ? Kind.PERSON : Kind.COMPANY;
    }

    static boolean personValid(String id) {
        if (id.chars().allMatch(c -> c == id.charAt(0))) {
            return false;
        }
        int s = 0;
        for (int i = 0; i < 9; i++) {
            s += (id.charAt(i) - '0') * (10 - i);
        }
        int r = s % 11;
        return id.charAt(9) - '0' == (r < 2 ? r : 11 - r);
    }

    static boolean companyValid(String id) {
        if (id.substring(3, 9).equals("000000")) {
            return false;
        }
        int t = id.charAt(9) - '0' + 2;
        int s = 0;
        for (int i = 0; i < 10; i++) {
            s += (id.charAt(i) - '0' + t) * COMPANY_WEIGHTS[i % 5];
        }
        int r = s % 11;
        return id.charAt(10) - '0' == (r == 10 ? 0 : r);
    }
}

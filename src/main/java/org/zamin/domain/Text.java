package org.zamin.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for text that people type: which characters each kind of field may hold and how long it may be.
 * Every service checks its free-text fields here; {@code V550__text_rules.sql} holds the same characters and lengths
 * as CHECK constraints, so no path stores what this class refuses. Lengths count characters (code points), as
 * PostgreSQL's {@code length()} does.
 */
public final class Text {

    /** A person's or firm's name, an organisation. */
    public static final int NAME_MAX = 200;
    /** An e-mail address (RFC 5321's limit). */
    public static final int EMAIL_MAX = 254;
    /** An API token's label. */
    public static final int TOKEN_NAME_MAX = 100;
    /** A plot number. */
    public static final int PLOT_NUMBER_MAX = 32;
    /** An officer's reason for a decision (reject, grant, refuse, notice, reclaim, stay). */
    public static final int REASON_MAX = 2000;
    /** A report, inspection notes, an extension request's reason. */
    public static final int NOTE_MAX = 4000;
    /** A holder's reply to a notice. */
    public static final int REPLY_MAX = 8000;
    /** One item of a revival plan. */
    public static final int PLAN_ITEM_MAX = 1000;
    /** An uploaded file's name. */
    public static final int FILE_NAME_MAX = 200;

    /** The kinds of text, from the strictest. */
    public enum Kind {
        /**
         * A plot number: one line, none of {@code < > " ' ` \}, no space at either end. Plot numbers are names on
         * maps, in files and in URLs; markup characters in them are never meant.
         */
        IDENTIFIER(Pattern.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069<>\"'`\\\\]")),
        /**
         * One line (a name, a label, a file name): no control character, no line or paragraph separator and no
         * bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which can make a name read
         * as another on screen.
         */
        LINE(Pattern.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]")),
        /**
         * Prose (a reason, notes, a reply): line breaks and tabs allowed; other control characters and the
         * bidirectional embeddings and overrides (U+202A–U+202E) refused. Isolates (U+2066–U+2069), the safe way to
         * set an English phrase in Persian text, are allowed.
         */
        PARAGRAPH(Pattern.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e]"));

        private final Pattern refused;

        Kind(Pattern refused) {
            this.refused = refused;
        }
    }

    private Text() {}

    /**
     * Why {@code text} is not acceptable as {@code kind} of at most {@code max} characters, or empty when it is.
     * The reason is a short English phrase ("has a control character", "is longer than 32 characters").
     */
    public static Optional<String> problem(String text, Kind kind, int max) {
        var refused = kind.refused.matcher(text);
        if (refused.find()) {
            return Optional.of("has a character that is not allowed here (U+"
                    + String.format("%04X", text.codePointAt(refused.start())) + ")");
        }
        if (hasLoneSurrogate(text)) {
            return Optional.of("is not valid Unicode text");
        }
        if (text.codePointCount(0, text.length()) > max) {
            return Optional.of("is longer than " + max + " characters");
        }
        if (kind == Kind.IDENTIFIER && (text.startsWith(" ") || text.endsWith(" "))) {
            return Optional.of("starts or ends with a space");
        }
        return Optional.empty();
    }

    /**
     * {@code text} stripped, when it is given (not blank) and acceptable; otherwise {@link Invalid} with
     * {@code code} and a message naming {@code field}.
     */
    public static String required(String text, Kind kind, int max, String code, String field) {
        if (text == null || text.isBlank()) {
            throw new Invalid(code, field + " is required");
        }
        return checked(text.strip(), kind, max, code, field);
    }

    /**
     * A reason that must be given: {@link Invalid} {@code reason_required} when it is missing or blank,
     * {@code invalid_reason} when it is too long or holds characters prose may not; else stripped.
     */
    public static String reason(String text, int max) {
        if (text == null || text.isBlank()) {
            throw new Invalid("reason_required", "a reason is required");
        }
        return checked(text.strip(), Kind.PARAGRAPH, max, "invalid_reason", "the reason");
    }

    /** {@code text} stripped, or {@code ""} when it is missing or blank; {@link Invalid} when it is not acceptable. */
    public static String optional(String text, Kind kind, int max, String code, String field) {
        return text == null || text.isBlank() ? "" : checked(text.strip(), kind, max, code, field);
    }

    private static String checked(String text, Kind kind, int max, String code, String field) {
        problem(text, kind, max).ifPresent(p -> {
            throw new Invalid(code, field + " " + p);
        });
        return text;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

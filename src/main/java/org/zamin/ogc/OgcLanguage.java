package org.zamin.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of an OGC HTML page, English or Persian ({@code lang=en|fa}, else the best of the two in
 * {@code Accept-Language}, else English); its strings come from the page's own {@code web/i18n/*.json}.
 */
public enum OgcLanguage {
    EN("en", "ltr"), FA("fa", "rtl");

    public final String code;
    public final String direction;
    private JsonNode strings;

    OgcLanguage(String code, String direction) {
        this.code = code;
        this.direction = direction;
    }

    /** The string for a key; a missing key fails loudly (the i18n test keeps both files complete). */
    public String text(String key) {
        JsonNode value = bundle().get(key);
        if (value == null) {
            throw new IllegalStateException("no " + code + " text for " + key);
        }
        return value.asText();
    }

    /** A number as this language writes its digits (Persian digits in Persian). */
    public String digits(String number) {
        if (this != FA) {
            return number;
        }
        StringBuilder out = new StringBuilder(number.length());
        for (char c : number.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('\u06F0' + (c - '0')) : c == '.' ? '\u066B' : c);
        }
        return out.toString();
    }

    /** The first of en and fa that the header ranks highest (ties: the order given); English when neither. */
    public static OgcLanguage fromAcceptLanguage(String header) {
        if (header == null) {
            return EN;
        }
        OgcLanguage best = EN;
        double bestQ = 0;
        for (String range : header.split(",")) {
            String[] parts = range.split(";");
            String tag = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].strip().startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parts[i].strip().substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            Optional<OgcLanguage> language = find(tag.split("-", 2)[0]);
            if (language.isPresent() && q > bestQ) {
                best = language.get();
                bestQ = q;
            }
        }
        return best;
    }

    /** The language of a {@code lang} value, if it is one of the two. */
    public static Optional<OgcLanguage> find(String code) {
        for (OgcLanguage l : values()) {
            if (l.code.equalsIgnoreCase(code.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private synchronized JsonNode bundle() {
        if (strings == null) {
            try (InputStream in = OgcLanguage.class.getResourceAsStream("/web/i18n/" + code + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("missing /web/i18n/" + code + ".json");
                }
                strings = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return strings;
    }
}

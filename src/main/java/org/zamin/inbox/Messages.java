package org.zamin.inbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.text.DateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages' own translations ({@code web/i18n/en.json}, {@code fa.json}) rendered on the server, for what leaves it
 * as text (e-mail): a message key and its parameters become the reader's language. A parameter {@code x} has a
 * Persian form in {@code xFa} when the text differs (names); numbers are written with Persian digits in Persian.
 */
public final class Messages {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** Parameters a machine reads back (an address, a link with its token, a gateway's reference): Latin digits. */
    private static final java.util.Set<String> VERBATIM = java.util.Set.of("email", "link", "reference");
    private static final Map<String, Map<String, String>> TABLES = Map.of("en", load("en"), "fa", load("fa"));

    private Messages() {}

    /** The text of {@code key} in {@code language} ("en" or "fa"; English when the key has no Persian text). */
    public static String render(String language, String key, JsonNode params) {
        boolean persian = "fa".equals(language);
        String text = TABLES.get(persian ? "fa" : "en").getOrDefault(key, TABLES.get("en").getOrDefault(key, key));
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            JsonNode value = persian && params.has(name + "Fa") ? params.get(name + "Fa") : params.get(name);
            String shown = value == null || value.isNull() ? m.group()
                    : name.endsWith("On") ? date(value.asText(), persian) : value.asText();
            m.appendReplacement(out, Matcher.quoteReplacement(persian && !VERBATIM.contains(name)
                    ? persianDigits(shown) : shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The plain text of {@code key} in {@code language} ("en" or "fa"), English when it has no Persian text, the key
     * itself when neither has it: a label (a cause, an agency) a notice carries in both languages as {@code x} and
     * {@code xFa}.
     */
    public static String text(String language, String key) {
        String english = TABLES.get("en").getOrDefault(key, key);
        return "fa".equals(language) ? TABLES.get("fa").getOrDefault(key, english) : english;
    }

    /** An ISO date in the reader's calendar: Solar Hijri in Persian ("۱۴ دی ۱۴۰۵"), else "5 January 2027". */
    static String date(String iso, boolean persian) {
        LocalDate day;
        try {
            day = LocalDate.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        ULocale locale = persian ? new ULocale("fa_IR@calendar=persian") : new ULocale("en_GB");
        DateFormat format = DateFormat.getDateInstance(DateFormat.LONG, locale);
        format.setTimeZone(TimeZone.GMT_ZONE);
        return format.format(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    static String persianDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : c);
        }
        return out.toString();
    }

    private static Map<String, String> load(String language) {
        String resource = "/web/i18n/" + language + ".json";
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing translations " + resource);
            }
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

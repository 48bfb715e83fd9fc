package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every user-facing string of the page exists in both languages, and every key the page uses is defined. */
class I18nTest {

    private static final Path WEB = Path.of("web");
    private static final Pattern HTML_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
    private static final Pattern JS_T_CALL = Pattern.compile("\\bt\\(\\s*['\"]([^'\"]+)['\"]");
    /** A dotted string literal in JS; not an object key ({@code 'import.applied': …} maps a code to a key). */
    private static final Pattern JS_LITERAL = Pattern.compile("['\"]([a-z][a-zA-Z]*\\.[A-Za-z0-9_.]+)['\"](?!\\s*:)");

    @Test
    void englishAndPersianHaveTheSameKeys() throws IOException {
        Set<String> en = keys("en");
        Set<String> fa = keys("fa");
        Set<String> missingInFa = new TreeSet<>(en);
        missingInFa.removeAll(fa);
        Set<String> missingInEn = new TreeSet<>(fa);
        missingInEn.removeAll(en);
        assertTrue(missingInFa.isEmpty(), "keys missing from fa.json: " + missingInFa);
        assertTrue(missingInEn.isEmpty(), "keys missing from en.json: " + missingInEn);
        assertTrue(en.size() > 50, "the page has its strings in the files: " + en.size());
    }

    @Test
    void noTranslationIsEmptyAndPersianIsPersian() throws IOException {
        JsonNode fa = read("fa");
        int persian = 0;
        for (var it = fa.fields(); it.hasNext(); ) {
            var e = it.next();
            assertFalse(e.getValue().asText().isBlank(), "empty Persian text for " + e.getKey());
            if (e.getValue().asText().codePoints().anyMatch(c -> c >= 0x0600 && c <= 0x06FF)) {
                persian++;
            }
        }
        assertTrue(persian > fa.size() * 0.8, "most Persian strings are in Persian script: " + persian + "/" + fa.size());
    }

    @Test
    void everyKeyThePageUsesIsDefined() throws IOException {
        Set<String> defined = keys("en");
        Set<String> prefixes = new TreeSet<>();
        defined.forEach(k -> prefixes.add(k.substring(0, k.indexOf('.') + 1)));
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(WEB)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".js")).toList()) {
                String name = file.getFileName().toString();
                String text = Files.readString(file);
                if (name.endsWith(".html")) {
                    collect(HTML_KEY, text, used);
                } else if (name.endsWith(".js")) {
                    collect(JS_T_CALL, text, used);
                    Set<String> literals = new TreeSet<>();
                    collect(JS_LITERAL, text, literals);
                    literals.stream().filter(k -> prefixes.stream().anyMatch(k::startsWith)).forEach(used::add);
                }
            }
        }
        assertFalse(used.isEmpty());
        Set<String> undefined = new TreeSet<>(used);
        undefined.removeAll(defined);
        assertTrue(undefined.isEmpty(), "keys used in web/ but missing from the i18n files: " + undefined);
    }

    @Test
    void everyApiErrorCodeHasATranslation() throws IOException {
        Set<String> en = keys("en");
        for (String code : new String[] {"bad_request", "invalid_parameter", "not_found", "unknown_estate",
                "unprocessable", "conflict", "payload_too_large", "rate_limited", "request_timeout",
                "database_unavailable",
                "internal_error", "unauthorized", "forbidden"}) {
            assertTrue(en.contains("error." + code), "no translation for API error code " + code);
        }
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static Set<String> keys(String language) throws IOException {
        Set<String> keys = new TreeSet<>();
        read(language).fieldNames().forEachRemaining(keys::add);
        assertEquals(read(language).size(), keys.size());
        return keys;
    }

    private static JsonNode read(String language) throws IOException {
        JsonNode node = new ObjectMapper().readTree(WEB.resolve("i18n").resolve(language + ".json").toFile());
        assertTrue(node.isObject(), language + ".json is a flat object");
        return node;
    }
}

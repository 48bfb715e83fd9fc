package org.zamin.site;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.parcel.Vocabulary;

/**
 * What the page needs before it draws anything ({@code GET /api/config}: base map, languages, the vocabularies in
 * display order) and {@code GET /health}.
 */
public final class SiteRoutes {

    /** The languages the page speaks; the first is the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "fa");

    private final Settings settings;
    private final Database database;
    private final Vocabulary vocabulary;

    public SiteRoutes(Settings settings, Database database, Vocabulary vocabulary) {
        this.settings = settings;
        this.database = database;
        this.vocabulary = vocabulary;
    }

    public void config(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basemapUrl", settings.basemapUrl().orElse(null));
        body.put("basemapAttribution", settings.basemapAttribution().orElse(null));
        body.put("language", preferredLanguage(ctx.header("Accept-Language")));
        body.put("languages", LANGUAGES);
        body.put("demo", settings.demoMode());
        body.put("vocabularies", vocabulary);
        ctx.json(body);
    }

    public void health(Context ctx) {
        if (database.isHealthy()) {
            ctx.json(Map.of("status", "ok", "database", "up"));
        } else {
            ctx.status(503).json(Map.of("code", "database_unavailable", "message", "the database is not answering",
                    "database", "down"));
        }
    }

    /** The best of our languages for an {@code Accept-Language} header (RFC 9110 weights), English by default. */
    static String preferredLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return LANGUAGES.get(0);
        }
        try {
            String match = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return match == null ? LANGUAGES.get(0) : match;
        } catch (IllegalArgumentException e) {
            return LANGUAGES.get(0);
        }
    }
}

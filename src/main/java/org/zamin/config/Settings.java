package org.zamin.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The service's settings, read once from the environment and validated at start. */
public record Settings(
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> databaseOwnerUrl,
        Optional<String> databaseReadUrl,
        Optional<String> basemapUrl,
        Optional<String> basemapAttribution,
        Optional<String> smtpUrl,
        boolean demoMode,
        Optional<String> logSigningKey) {

    public static final int DEFAULT_PORT = 7070;

    public Settings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ZAMIN_PORT must be between 0 and 65535, got " + port);
        }
        databaseUrl.ifPresent(Settings::requirePostgresUrl);
        databaseOwnerUrl.ifPresent(Settings::requirePostgresUrl);
        if (databaseOwnerUrl.isPresent() && databaseUrl.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_OWNER_URL needs DATABASE_URL (the role the service works as)");
        }
        databaseReadUrl.ifPresent(Settings::requirePostgresUrl);
    }

    /**
     * Reads the settings from environment variables; see the README for each one. Demo mode (demo accounts) is on
     * by default with the embedded database and off with {@code DATABASE_URL}; {@code ZAMIN_DEMO} overrides both.
     */
    public static Settings fromEnvironment(Map<String, String> env) {
        Optional<String> databaseUrl = nonBlank(env.get("DATABASE_URL"));
        return new Settings(
                parsePort(env.get("ZAMIN_PORT")),
                Path.of(nonBlank(env.get("ZAMIN_DATA_DIR")).orElse("var")).toAbsolutePath().normalize(),
                databaseUrl,
                nonBlank(env.get("DATABASE_OWNER_URL")),
                nonBlank(env.get("DATABASE_READ_URL")),
                nonBlank(env.get("ZAMIN_BASEMAP_URL")),
                nonBlank(env.get("ZAMIN_BASEMAP_ATTRIBUTION")),
                nonBlank(env.get("ZAMIN_SMTP_URL")),
                parseBoolean("ZAMIN_DEMO", env.get("ZAMIN_DEMO"), databaseUrl.isEmpty()),
                nonBlank(env.get("ZAMIN_LOG_SIGNING_KEY")));
    }

    /** A log-safe description: passwords in database and SMTP URLs are redacted. */
    @Override
    public String toString() {
        return "Settings[port=" + port + ", dataDir=" + dataDir
                + ", databaseUrl=" + databaseUrl.map(Settings::redact).orElse("(embedded)")
                + ", databaseOwnerUrl=" + databaseOwnerUrl.map(Settings::redact).orElse("(same)")
                + ", databaseReadUrl=" + databaseReadUrl.map(Settings::redact).orElse("(none)")
                + ", basemapUrl=" + basemapUrl.orElse("(none)")
                + ", smtpUrl=" + smtpUrl.map(Settings::redact).orElse("(none)")
                + ", demoMode=" + demoMode
                + ", logSigningKey=" + logSigningKey.map(k -> "(set, not shown)").orElse("(data directory)") + "]";
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@");
    }

    private static int parsePort(String value) {
        if (nonBlank(value).isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ZAMIN_PORT is not a number: " + value);
        }
    }

    private static boolean parseBoolean(String name, String value, boolean defaultValue) {
        Optional<String> v = nonBlank(value);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got " + value);
        };
    }

    private static void requirePostgresUrl(String url) {
        String u = url.startsWith("jdbc:") ? url.substring(5) : url;
        if (!(u.startsWith("postgresql://") || u.startsWith("postgres://"))) {
            throw new IllegalArgumentException("DATABASE_URL must be a postgresql:// URL, got " + redact(url));
        }
        URI.create(u);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

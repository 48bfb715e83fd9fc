package org.zamin.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
        Optional<URI> publicUrl,
        List<String> trustedProxies,
        Optional<String> logSigningKey,
        java.time.Duration shutdownGrace) {

    public static final int DEFAULT_PORT = 7070;
    /** How long a stopping server lets requests in flight finish ({@code ZAMIN_SHUTDOWN_GRACE_SECONDS}). */
    public static final java.time.Duration DEFAULT_SHUTDOWN_GRACE = java.time.Duration.ofSeconds(20);

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
        publicUrl.ifPresent(Settings::requireHttpUrl);
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxies.forEach(Settings::requireCidr);
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
                nonBlank(env.get("ZAMIN_PUBLIC_URL")).map(Settings::parseUrl),
                parseList(env.get("ZAMIN_TRUSTED_PROXIES")),
                nonBlank(env.get("ZAMIN_LOG_SIGNING_KEY")),
                parseGrace(env.get("ZAMIN_SHUTDOWN_GRACE_SECONDS")));
    }

    /** Whole seconds, 0 to 3600 (0: requests in flight are cut at once). */
    private static java.time.Duration parseGrace(String value) {
        Optional<String> v = nonBlank(value);
        if (v.isEmpty()) {
            return DEFAULT_SHUTDOWN_GRACE;
        }
        try {
            long seconds = Long.parseLong(v.get());
            if (seconds >= 0 && seconds <= 3600) {
                return java.time.Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("ZAMIN_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 0 to "
                + "3600, got " + value);
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
                + ", publicUrl=" + publicUrl.map(URI::toString).orElse("(none)")
                + ", trustedProxies=" + (trustedProxies.isEmpty() ? "(none)" : String.join(",", trustedProxies))
                + ", logSigningKey=" + logSigningKey.map(k -> "(set, not shown)").orElse("(data directory)")
                + ", shutdownGrace=" + shutdownGrace.toSeconds() + "s]";
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

    private static URI parseUrl(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("ZAMIN_PUBLIC_URL is not a URL");
        }
    }

    /** The address users reach the service at: http or https, with a host and nothing secret in it (not echoed). */
    private static void requireHttpUrl(URI url) {
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null
                || url.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "ZAMIN_PUBLIC_URL must be an http:// or https:// URL with a host and no user or password");
        }
    }

    private static List<String> parseList(String value) {
        return nonBlank(value).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList()).orElse(List.of());
    }

    /**
     * An IP address literal with an optional prefix length ({@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32});
     * never a host name, so checking it never asks DNS.
     */
    static void requireCidr(String cidr) {
        String[] parts = cidr.split("/", -1);
        boolean ipv4 = parts[0].matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = parts[0].matches("[0-9A-Fa-f:.]+") && parts[0].contains(":");
        boolean ok = parts.length <= 2 && (ipv4 || ipv6);
        if (ok && ipv4) {
            ok = Arrays.stream(parts[0].split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        if (ok && parts.length == 2) {
            ok = parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) <= (ipv4 ? 32 : 128);
        }
        if (ok) {
            try {
                InetAddress.getByName(parts[0]); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("ZAMIN_TRUSTED_PROXIES must list IP addresses or CIDR ranges "
                    + "(e.g. 10.0.0.0/8,::1), got '" + cidr + "'");
        }
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

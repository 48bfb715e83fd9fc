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
        Optional<Path> walArchiveDir,
        // CORS on the public read endpoints: the origins allowed, or "*" (the default: public data)
        List<String> corsOrigins,
        OpenOfferRules openOffers,
        ServerLimits serverLimits,
        RequestRates requestRates,
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
        if (walArchiveDir.isPresent() && databaseUrl.isPresent()) {
            throw new IllegalArgumentException("ZAMIN_WAL_ARCHIVE_DIR archives the embedded cluster's WAL; with "
                    + "DATABASE_URL set archive_command in that server's configuration (README, Backups)");
        }
        publicUrl.ifPresent(Settings::requireHttpUrl);
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxies.forEach(Settings::requireCidr);
        corsOrigins = List.copyOf(corsOrigins);
        corsOrigins.forEach(Settings::requireCorsOrigin);
        java.util.Objects.requireNonNull(openOffers, "openOffers");
        java.util.Objects.requireNonNull(serverLimits, "serverLimits");
        java.util.Objects.requireNonNull(requestRates, "requestRates");
    }

    /**
     * Request rates per account or address, a minute each: holds ({@code ZAMIN_HOLDS_PER_MINUTE}, default 30) and
     * round applications ({@code ZAMIN_APPLICATIONS_PER_MINUTE}, default 30) per account, sign-in and sign-up
     * attempts per client address ({@code ZAMIN_SIGNIN_ATTEMPTS_PER_MINUTE}, default 60).
     */
    public record RequestRates(int holdsPerMinute, int applicationsPerMinute, int signInAttemptsPerMinute) {

        public static final RequestRates DEFAULTS = new RequestRates(30, 30, 60);

        public RequestRates {
            for (int rate : new int[] {holdsPerMinute, applicationsPerMinute, signInAttemptsPerMinute}) {
                if (rate < 1 || rate > 100_000) {
                    throw new IllegalArgumentException("a rate per minute must be 1 to 100000, got " + rate);
                }
            }
        }

        static RequestRates fromEnvironment(Map<String, String> env) {
            return new RequestRates(
                    rate(env, "ZAMIN_HOLDS_PER_MINUTE", DEFAULTS.holdsPerMinute()),
                    rate(env, "ZAMIN_APPLICATIONS_PER_MINUTE", DEFAULTS.applicationsPerMinute()),
                    rate(env, "ZAMIN_SIGNIN_ATTEMPTS_PER_MINUTE", DEFAULTS.signInAttemptsPerMinute()));
        }

        private static int rate(Map<String, String> env, String name, int defaultValue) {
            long value = OpenOfferRules.parseLong(name, env.get(name), defaultValue);
            if (value < 1 || value > 100_000) {
                throw new IllegalArgumentException(name + " must be 1 to 100000, got " + value);
            }
            return (int) value;
        }
    }

    /**
     * The HTTP server's connection limits: at most {@code maxConnections} open connections in all
     * ({@code ZAMIN_MAX_CONNECTIONS}, default 4096; past it the server stops accepting until one closes), a request
     * body must arrive at {@code minRequestBytesPerSecond} or more ({@code ZAMIN_MIN_REQUEST_BYTES_PER_SECOND},
     * default 64), and a connection idle for {@code idleTimeoutMs} is closed ({@code ZAMIN_IDLE_TIMEOUT_MS},
     * default 30000).
     */
    public record ServerLimits(int maxConnections, long minRequestBytesPerSecond, long idleTimeoutMs) {

        public static final ServerLimits DEFAULTS = new ServerLimits(4096, 64, 30_000);

        public ServerLimits {
            if (maxConnections < 1 || maxConnections > 1_000_000) {
                throw new IllegalArgumentException("ZAMIN_MAX_CONNECTIONS must be 1 to 1000000, got " + maxConnections);
            }
            if (minRequestBytesPerSecond < 0) {
                throw new IllegalArgumentException("ZAMIN_MIN_REQUEST_BYTES_PER_SECOND must not be negative");
            }
            if (idleTimeoutMs < 1000 || idleTimeoutMs > 3_600_000) {
                throw new IllegalArgumentException("ZAMIN_IDLE_TIMEOUT_MS must be 1000 to 3600000, got " + idleTimeoutMs);
            }
        }

        static ServerLimits fromEnvironment(Map<String, String> env) {
            return new ServerLimits(
                    Math.toIntExact(OpenOfferRules.parseLong("ZAMIN_MAX_CONNECTIONS", env.get("ZAMIN_MAX_CONNECTIONS"),
                            DEFAULTS.maxConnections())),
                    OpenOfferRules.parseLong("ZAMIN_MIN_REQUEST_BYTES_PER_SECOND",
                            env.get("ZAMIN_MIN_REQUEST_BYTES_PER_SECOND"), DEFAULTS.minRequestBytesPerSecond()),
                    OpenOfferRules.parseLong("ZAMIN_IDLE_TIMEOUT_MS", env.get("ZAMIN_IDLE_TIMEOUT_MS"),
                            DEFAULTS.idleTimeoutMs()));
        }
    }

    /**
     * The OPEN offers' anti-hoarding settings: the refundable deposit an investor pays before any hold
     * ({@code ZAMIN_OPEN_DEPOSIT}, in rials, default 100,000,000) and the cool-down before an investor whose hold on
     * a plot lapsed may hold it again ({@code ZAMIN_HOLD_COOLDOWN_HOURS}, default 24).
     */
    public record OpenOfferRules(long deposit, java.time.Duration holdCooldown) {

        public static final OpenOfferRules DEFAULTS = new OpenOfferRules(100_000_000L, java.time.Duration.ofHours(24));

        public OpenOfferRules {
            if (deposit < 0 || deposit > 1_000_000_000_000_000L) {
                throw new IllegalArgumentException("ZAMIN_OPEN_DEPOSIT must be 0 to 10^15 rials, got " + deposit);
            }
            if (holdCooldown.isNegative() || holdCooldown.toDays() > 365) {
                throw new IllegalArgumentException("ZAMIN_HOLD_COOLDOWN_HOURS must be 0 to 8760, got "
                        + holdCooldown.toHours());
            }
        }

        static OpenOfferRules fromEnvironment(Map<String, String> env) {
            return new OpenOfferRules(
                    parseLong("ZAMIN_OPEN_DEPOSIT", env.get("ZAMIN_OPEN_DEPOSIT"), DEFAULTS.deposit()),
                    java.time.Duration.ofHours(parseLong("ZAMIN_HOLD_COOLDOWN_HOURS",
                            env.get("ZAMIN_HOLD_COOLDOWN_HOURS"), DEFAULTS.holdCooldown().toHours())));
        }

        static long parseLong(String name, String value, long defaultValue) {
            if (value == null || value.isBlank()) {
                return defaultValue;
            }
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
            }
        }
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
                nonBlank(env.get("ZAMIN_WAL_ARCHIVE_DIR")).map(d -> Path.of(d).toAbsolutePath().normalize()),
                nonBlank(env.get("ZAMIN_CORS_ORIGINS")).map(Settings::parseList).orElse(List.of("*")),
                OpenOfferRules.fromEnvironment(env),
                ServerLimits.fromEnvironment(env),
                RequestRates.fromEnvironment(env),
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
                + ", walArchiveDir=" + walArchiveDir.map(Path::toString).orElse("(none)")
                + ", corsOrigins=" + String.join(",", corsOrigins)
                + ", openOffers=" + openOffers + ", serverLimits=" + serverLimits
                + ", requestRates=" + requestRates
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

    /** {@code *} or an origin as browsers send it: {@code http(s)://host[:port]}, no path (it is compared as text). */
    private static void requireCorsOrigin(String origin) {
        if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("ZAMIN_CORS_ORIGINS must be * or a comma-separated list of origins "
                    + "such as https://maps.example.org (scheme, host and port only), got " + origin);
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

package org.zamin.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL + PostGIS cluster of our own under a data directory, run with the system's binaries.
 *
 * <p>PostgreSQL refuses to run as root, so when we are root the cluster belongs to the unprivileged
 * {@code postgres} user that Debian's package creates and every command runs through {@code runuser}.
 * A second start on the same directory reuses the cluster (and a server still running from a crash).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "zamin";
    private static final String SERVICE_ACCOUNT = "postgres";
    /** The role the service itself connects as: it owns nothing, so it cannot alter or bypass the schema. */
    private static final String APP_ROLE = "zamin_app";

    private final Path baseDir;
    private final Path clusterDir;
    private final Path passwordFile;
    private final Path appPasswordFile;
    private final Path binDir;
    private final List<String> serverOptions;
    private final boolean runAsServiceAccount;
    private int port;
    private boolean startedHere;

    private EmbeddedPostgres(Path baseDir, List<String> serverOptions) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.clusterDir = this.baseDir.resolve("pg");
        this.passwordFile = this.baseDir.resolve("pg-password");
        this.appPasswordFile = this.baseDir.resolve("pg-app-password");
        this.binDir = findBinDir();
        this.serverOptions = List.copyOf(serverOptions);
        this.runAsServiceAccount = "root".equals(System.getProperty("user.name"));
    }

    /** Initialises (first time) and starts the cluster under {@code baseDir}. */
    public static EmbeddedPostgres start(Path baseDir, List<String> serverOptions) {
        EmbeddedPostgres pg = new EmbeddedPostgres(baseDir, serverOptions);
        pg.initIfNeeded();
        pg.startServer();
        pg.ensureDatabase("zamin");
        pg.ensureAppRole();
        return pg;
    }

    /** A JDBC URL for a database of this cluster. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + passwordFile, e);
        }
    }

    public int port() {
        return port;
    }

    /** The unprivileged role the service connects as (the superuser only runs migrations and grants). */
    public String appUser() {
        return APP_ROLE;
    }

    public String appPassword() {
        try {
            return Files.readString(appPasswordFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + appPasswordFile, e);
        }
    }

    /**
     * Creates the service's login role with a generated password (kept in {@code pg-app-password}), or resets its
     * password to the file's. Its table privileges are granted by {@link Database} after each migration.
     */
    void ensureAppRole() {
        try {
            if (!Files.exists(appPasswordFile)) {
                Files.writeString(appPasswordFile, newPassword(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(appPasswordFile, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + appPasswordFile, e);
        }
        // The password is base64url (no quotes possible), so it can be written into the statement.
        String password = appPassword();
        if (!password.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalStateException(appPasswordFile + " holds an unexpected password format");
        }
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password());
                var s = c.createStatement()) {
            boolean exists;
            try (var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")) {
                exists = rs.next();
            }
            s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + APP_ROLE
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create role " + APP_ROLE + ": " + e.getMessage(), e);
        }
    }

    /** Creates a database if it does not exist yet. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password());
                var s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server if this process started it; a server we found running is left alone. */
    @Override
    public void close() {
        if (!startedHere) {
            return;
        }
        startedHere = false;
        log.info("stopping embedded PostgreSQL in {}", clusterDir);
        run(List.of(bin("pg_ctl"), "stop", "-D", clusterDir.toString(), "-m", "fast", "-w"), 60);
    }

    /**
     * Stops the server at once (a fast shutdown: open connections are cut), keeping the cluster, its data and its
     * port: a database outage, for tests of what the service does without its database.
     */
    public void stopServer() {
        log.info("stopping embedded PostgreSQL in {} (it can be started again)", clusterDir);
        run(List.of(bin("pg_ctl"), "stop", "-D", clusterDir.toString(), "-m", "fast", "-w"), 60);
        startedHere = false;
    }

    private void initIfNeeded() {
        if (Files.exists(clusterDir.resolve("PG_VERSION"))) {
            return;
        }
        try {
            Files.createDirectories(baseDir);
            // The service account must be able to reach the cluster directory through our data directory.
            if (runAsServiceAccount) {
                makeTraversable(baseDir);
            }
            Files.createDirectories(clusterDir);
            Files.writeString(passwordFile, newPassword(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Path pwCopy = Files.createTempFile(baseDir, "initdb-", ".pw");
            try {
                Files.writeString(pwCopy, password(), StandardCharsets.UTF_8);
                if (runAsServiceAccount) {
                    chown(pwCopy);
                    chown(clusterDir);
                }
                log.info("initialising embedded PostgreSQL cluster in {}", clusterDir);
                run(List.of(bin("initdb"), "-D", clusterDir.toString(), "-U", SUPERUSER, "--pwfile=" + pwCopy,
                        "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C.UTF-8"), 300);
            } finally {
                Files.deleteIfExists(pwCopy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise PostgreSQL in " + clusterDir, e);
        }
    }

    /**
     * Starts the server unless it is running: on a free port the first time, on the port it had after
     * {@link #stopServer()}, so that connection URLs handed out before stay valid.
     */
    public void startServer() {
        Optional<Integer> running = runningPort();
        if (running.isPresent()) {
            port = running.get();
            log.info("reusing embedded PostgreSQL already running on port {}", port);
            return;
        }
        if (port == 0) {
            port = freePort();
        }
        List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "max_connections=300"));
        serverOptions.forEach(o -> options.addAll(List.of("-c", o)));
        Path logFile = baseDir.resolve("postgresql.log");
        run(List.of(bin("pg_ctl"), "start", "-D", clusterDir.toString(), "-w", "-t", "120", "-l",
                clusterLog(logFile), "-o", String.join(" ", options)), 180);
        startedHere = true;
        log.info("embedded PostgreSQL started on 127.0.0.1:{} (data {})", port, clusterDir);
    }

    /** The log file must be writable by the server's user; as root it lives inside the cluster dir. */
    private String clusterLog(Path preferred) {
        return runAsServiceAccount ? clusterDir.resolve("server.log").toString() : preferred.toString();
    }

    private Optional<Integer> runningPort() {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        Result status = run(List.of(bin("pg_ctl"), "status", "-D", clusterDir.toString()), 30, true);
        if (status.exitCode() != 0) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path findBinDir() {
        String fromEnv = System.getenv("ZAMIN_PG_BINDIR");
        if (fromEnv != null && Files.isExecutable(Path.of(fromEnv, "initdb"))) {
            return Path.of(fromEnv);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(EmbeddedPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql. Install them "
                + "with: sudo apt-get install -y postgresql-15-postgis-3 (or set DATABASE_URL)");
    }

    private static int majorVersion(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A PostgreSQL client program of the same installation the cluster runs on (psql, pg_dump, …). */
    public Path tool(String name) {
        return binDir.resolve(name);
    }

    private String bin(String name) {
        return binDir.resolve(name).toString();
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> command, int timeoutSeconds) {
        return run(command, timeoutSeconds, false);
    }

    private Result run(List<String> command, int timeoutSeconds, boolean tolerateFailure) {
        List<String> full = new ArrayList<>();
        if (runAsServiceAccount) {
            full.addAll(List.of("runuser", "-u", SERVICE_ACCOUNT, "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0 && !tolerateFailure) {
                throw new IllegalStateException("command failed (" + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + out.strip());
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static void chown(Path path) {
        try {
            Process p = new ProcessBuilder("chown", "-R", SERVICE_ACCOUNT + ":", path.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("chown failed for " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds o+x to the directory and its ancestors that lack it, so the service account can pass through. */
    private static void makeTraversable(Path dir) throws IOException {
        for (Path d = dir; d != null; d = d.getParent()) {
            var perms = Files.getPosixFilePermissions(d);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(d, perms);
            }
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- WAL archiving (ZAMIN_WAL_ARCHIVE_DIR) ---

    /**
     * Server options that archive every completed WAL segment to {@code archiveDir} (created, and handed to the
     * server's account when we are root). The copy never overwrites a segment already archived ({@code test ! -f}),
     * so a failed or repeated archive attempt is retried by PostgreSQL instead of clobbering a good copy. A base
     * backup plus this directory is what point-in-time recovery needs (README, "Backups").
     */
    public static List<String> walArchiveOptions(Path archiveDir) {
        Path dir = archiveDir.toAbsolutePath().normalize();
        if (!dir.toString().matches("[A-Za-z0-9_./@+,=-]+")) {
            throw new IllegalArgumentException("ZAMIN_WAL_ARCHIVE_DIR may hold only letters, digits and _./@+,=- "
                    + "(it is written into the archive command), got " + dir);
        }
        try {
            Files.createDirectories(dir);
            if ("root".equals(System.getProperty("user.name"))) {
                makeTraversable(dir.getParent());
                chown(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the WAL archive directory " + dir, e);
        }
        // pg_ctl hands the options to a shell: the single quotes keep the command one argument.
        return List.of("wal_level=replica", "archive_mode=on", "archive_timeout=300",
                "archive_command='test ! -f " + dir + "/%f && cp %p " + dir + "/%f'");
    }
}

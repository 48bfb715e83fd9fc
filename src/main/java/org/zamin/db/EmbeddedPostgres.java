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
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 *
 * <p>Who stops the server: the process that started it, named with its start time in {@code pg-owner}. A process
 * that finds the server running under a live owner (a command beside {@code serve}) leaves it alone; one that finds
 * it left by an owner that is gone (a killed run) adopts it and stops it on its own clean stop, so no run leaves a
 * cluster behind. The owner also {@linkplain #supervise() supervises} it: a postmaster that dies is started again.
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
    private final Path ownerFile;
    private volatile int port;
    /** This process stops the server on {@link #close()}: it started it, or adopted it from a run that is gone. */
    private volatile boolean owned;
    /** Set by {@link #stopServer()} (a deliberate outage) and {@link #close()}: the supervisor leaves it down. */
    private volatile boolean stoppedOnPurpose;
    private ScheduledExecutorService supervisor;

    private EmbeddedPostgres(Path baseDir, List<String> serverOptions) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.clusterDir = this.baseDir.resolve("pg");
        this.passwordFile = this.baseDir.resolve("pg-password");
        this.appPasswordFile = this.baseDir.resolve("pg-app-password");
        this.ownerFile = this.baseDir.resolve("pg-owner");
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

    /** Stops the server if this process started or adopted it (fast mode); a server another live run owns is left. */
    @Override
    public synchronized void close() {
        stoppedOnPurpose = true;
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        if (!owned) {
            return;
        }
        owned = false;
        log.info("stopping embedded PostgreSQL in {}", clusterDir);
        Result stop = run(List.of(bin("pg_ctl"), "stop", "-D", clusterDir.toString(), "-m", "fast", "-w", "-t", "60"),
                90, true);
        if (stop.exitCode() != 0) {
            log.warn("stopping embedded PostgreSQL failed: {}", stop.output().strip());
        }
        deleteOwnerFile();
    }

    /**
     * Stops the server without waiting for its connections (immediate mode: the next start runs crash recovery; what
     * was committed is kept). For a second SIGTERM, which must not wait.
     */
    public synchronized void stopImmediately() {
        stoppedOnPurpose = true;
        if (owned) {
            owned = false;
            run(List.of(bin("pg_ctl"), "stop", "-D", clusterDir.toString(), "-m", "immediate", "-w", "-t", "10"), 20,
                    true);
            deleteOwnerFile();
        }
    }

    /**
     * Stops the server at once (a fast shutdown: open connections are cut), keeping the cluster, its data and its
     * port: a database outage, for tests of what the service does without its database. The supervisor leaves it
     * down until {@link #startServer()}.
     */
    public synchronized void stopServer() {
        stoppedOnPurpose = true;
        log.info("stopping embedded PostgreSQL in {} (it can be started again)", clusterDir);
        run(List.of(bin("pg_ctl"), "stop", "-D", clusterDir.toString(), "-m", "fast", "-w"), 60);
    }

    /**
     * Watches the server this process owns, every {@link #SUPERVISION_PERIOD_MS} ms: when its postmaster is gone
     * (killed, crashed), it is started again on the same port; PostgreSQL replays its write-ahead log (crash
     * recovery) before it takes connections. Meanwhile the pool refuses connections and requests are answered 503.
     */
    public synchronized void supervise() {
        if (!owned || supervisor != null) {
            return;
        }
        supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "postgres-supervisor");
            t.setDaemon(true);
            return t;
        });
        supervisor.scheduleWithFixedDelay(this::restartIfGone, SUPERVISION_PERIOD_MS, SUPERVISION_PERIOD_MS,
                TimeUnit.MILLISECONDS);
    }

    /** How often the supervisor looks at the postmaster. */
    static final long SUPERVISION_PERIOD_MS = 1_000;

    private void restartIfGone() {
        if (stoppedOnPurpose || !owned) {
            return;
        }
        OptionalLong pid = postmasterPid();
        if (pid.isPresent() && isRunning(pid.getAsLong())) {
            return;
        }
        synchronized (this) {
            if (stoppedOnPurpose || !owned) {
                return;
            }
            log.warn("embedded PostgreSQL is gone (postmaster {} not running); restarting it in {}; it recovers from "
                    + "its write-ahead log, requests are answered 503 meanwhile",
                    pid.isPresent() ? pid.getAsLong() : "?", clusterDir);
            try {
                long start = System.nanoTime();
                launch();
                log.info("embedded PostgreSQL is back on port {} after {} ms", port,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("restarting embedded PostgreSQL failed, trying again in {} ms: {}", SUPERVISION_PERIOD_MS,
                        e.getMessage().lines().reduce((a, b) -> b).orElse(""));
            }
        }
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
    public synchronized void startServer() {
        stoppedOnPurpose = false;
        Optional<Integer> running = runningPort();
        if (running.isPresent()) {
            port = running.get();
            Optional<ProcessHandle> owner = liveOwner();
            if (owner.isPresent()) {
                log.info("reusing embedded PostgreSQL on port {}, run by process {} (left running on close)", port,
                        owner.get().pid());
            } else {
                log.warn("adopting embedded PostgreSQL left running on port {} by a run that is gone; it is stopped "
                        + "when this one stops", port);
                owned = true;
                writeOwnerFile();
            }
            return;
        }
        if (port == 0) {
            port = freePort();
        }
        // A postmaster killed a moment ago may still have backends attached to its shared memory: PostgreSQL then
        // refuses to start, and a few tries later it does.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                launch();
                break;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                log.info("embedded PostgreSQL did not start yet, trying again: {}",
                        e.getMessage().lines().reduce((a, b) -> b).orElse(""));
                sleep(1000);
            }
        }
        log.info("embedded PostgreSQL started on 127.0.0.1:{} (data {})", port, clusterDir);
    }

    /** Starts the postmaster on {@link #port}; a lock file left by a dead one is PostgreSQL's to handle. */
    private void launch() {
        OptionalLong stale = postmasterPid();
        if (stale.isPresent() && isZombie(stale.getAsLong())) {
            // PostgreSQL checks the lock file's process with kill(pid, 0), which a zombie (killed, not yet reaped by
            // its parent) passes: it is dead, so its lock file goes.
            try {
                Files.deleteIfExists(clusterDir.resolve("postmaster.pid"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "max_connections=300"));
        serverOptions.forEach(o -> options.addAll(List.of("-c", o)));
        Path logFile = baseDir.resolve("postgresql.log");
        run(List.of(bin("pg_ctl"), "start", "-D", clusterDir.toString(), "-w", "-t", "120", "-l",
                clusterLog(logFile), "-o", String.join(" ", options)), 180);
        owned = true;
        writeOwnerFile();
    }

    /** The postmaster's process id from its lock file, if there is one. */
    private OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(clusterDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** True while the process exists and is not a zombie. */
    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return state.startsWith("Z") || state.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The process named in {@code pg-owner} if it is still running (the same process: same id and start time). */
    private Optional<ProcessHandle> liveOwner() {
        try {
            String[] owner = Files.readString(ownerFile, StandardCharsets.UTF_8).strip().split(" ");
            long pid = Long.parseLong(owner[0]);
            String started = owner.length > 1 ? owner[1] : "";
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(Object::toString).orElse("").equals(started));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void writeOwnerFile() {
        ProcessHandle me = ProcessHandle.current();
        try {
            Files.writeString(ownerFile, me.pid() + " " + me.info().startInstant().map(Object::toString).orElse("")
                    + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ownerFile, e);
        }
    }

    private void deleteOwnerFile() {
        try {
            Files.deleteIfExists(ownerFile);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", ownerFile, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The log file must be writable by the server's user; as root it lives inside the cluster dir. */
    private String clusterLog(Path preferred) {
        return runAsServiceAccount ? clusterDir.resolve("server.log").toString() : preferred.toString();
    }

    private Optional<Integer> runningPort() {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        OptionalLong pid = postmasterPid();
        if (pid.isEmpty() || !isRunning(pid.getAsLong())) {
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

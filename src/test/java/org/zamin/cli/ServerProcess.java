package org.zamin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.Passwords;

/**
 * {@code zamin serve} as a real separate process (a JVM of its own, on the test classpath) over its own data directory
 * and embedded cluster, so that tests can kill it, kill its PostgreSQL, and send it signals.
 */
final class ServerProcess {

    static final Path ROOT = Path.of("target").toAbsolutePath();
    /** One password hash for every user made here (they sign in with tokens; hashing is slow on purpose). */
    private static String hash;

    private static synchronized String hash() {
        if (hash == null) {
            hash = Passwords.hash("fault test password");
        }
        return hash;
    }

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(Path dataDir, int port, Process process, Path log) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code serve} on {@code dataDir} (created on first start) and waits until {@code /health} is 200. */
    static ServerProcess start(Path dataDir, String name) throws Exception {
        return start(dataDir, name, "512m", java.util.Map.of());
    }

    /** Starts {@code serve} with a heap of {@code heap} ({@code -Xmx}) and {@code env} added to its environment. */
    static ServerProcess start(Path dataDir, String name, String heap, java.util.Map<String, String> env)
            throws Exception {
        ServerProcess server = launch(dataDir, name, heap, env);
        assertTrue(server.awaitHealthy(Duration.ofMinutes(3)), "the server started: " + server.logText());
        return server;
    }

    /** Starts {@code serve ARGS} as {@link #start} does, without waiting for it to answer. */
    static ServerProcess launch(Path dataDir, String name, String heap, java.util.Map<String, String> env,
            String... args) throws Exception {
        int port = freePort();
        Path log = ROOT.resolve("fault-" + name + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ZaminCommand.class.getName(), "serve"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ZAMIN_") || k.startsWith("DATABASE_"));
        pb.environment().put("ZAMIN_PORT", String.valueOf(port));
        pb.environment().put("ZAMIN_DATA_DIR", dataDir.toString());
        pb.environment().put("ZAMIN_SHUTDOWN_GRACE_SECONDS", "20");
        // demo mode loads the sample (plots to reserve); the tests make their own users
        pb.environment().put("ZAMIN_DEMO", "true");
        pb.environment().putAll(env);
        return new ServerProcess(dataDir, port, pb.start(), log);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Polls {@code /health} until it answers 200 or the deadline passes (or the process ended). */
    boolean awaitHealthy(Duration within) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                var r = client.send(HttpRequest.newBuilder(URI.create(base() + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** SIGTERM, then waits for the process to end; answers its exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the server ended after SIGTERM: " + logText());
        return process.exitValue();
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
    }

    /** The postmaster's process id from the cluster's lock file. */
    static OptionalLong postmasterPid(Path dataDir) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 1).strip().charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The running postmaster (by its lock file); fails if there is none. */
    long postmaster() {
        OptionalLong pid = postmasterPid(dataDir);
        assertTrue(pid.isPresent() && running(pid.getAsLong()), "a postmaster is running in " + dataDir);
        return pid.getAsLong();
    }

    /** Kills the process with SIGKILL and waits until it is gone (or only a zombie). */
    static void killProcess(long pid) throws InterruptedException {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        for (int i = 0; i < 200 && running(pid); i++) {
            Thread.sleep(50);
        }
        assertTrue(!running(pid), "process " + pid + " is gone");
    }

    /** A superuser handle on the cluster of {@code dataDir} (it must be running). */
    static Jdbi superuser(Path dataDir) throws IOException {
        String port = Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(3).trim();
        return Jdbi.create("jdbc:postgresql://127.0.0.1:" + port + "/zamin", "zamin",
                Files.readString(dataDir.resolve("pg-password")).trim());
    }

    /** What {@code pg_controldata} says of the cluster's state ("shut down" after a clean stop). */
    static String clusterState(Path dataDir) throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_controldata")))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
        Process p = new ProcessBuilder(bin.resolve("pg_controldata").toString(), "-D", dataDir.resolve("pg").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(l -> l.startsWith("Database cluster state:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(out);
    }

    /** Investors (or another role) with API tokens, made straight in the database; answers their tokens. */
    static List<String> users(Jdbi db, String role, int n) {
        String passwordHash = hash();
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            String token = "zmn_fault_" + UUID.randomUUID() + UUID.randomUUID();
            db.useTransaction(h -> {
                long id = h.createQuery("INSERT INTO users (email, name, password_hash, role, email_confirmed_at) "
                                + "VALUES (:email, 'Fault test', :hash, :role, now()) RETURNING id")
                        .bind("email", role.toLowerCase() + "-" + UUID.randomUUID() + "@fault.example")
                        .bind("hash", passwordHash).bind("role", role).mapTo(Long.class).one();
                if ("INVESTOR".equals(role)) {
                    // fit to hold in an open offer: an identity number, documents verified, the deposit paid
                    h.createUpdate("UPDATE users SET national_id = :nid, documents_verified_at = now(), "
                            + "documents_verified_by = id WHERE id = :user")
                            .bind("nid", org.zamin.testing.TestUsers.nextNationalId()).bind("user", id).execute();
                    h.createUpdate("INSERT INTO open_deposit (investor_id, amount, gateway, reference, sandbox, "
                            + "paid_at) VALUES (:user, 100000000, 'sandbox', 'SANDBOX-FAULT', true, now())")
                            .bind("user", id).execute();
                }
                h.createUpdate("INSERT INTO api_token (token_hash, user_id, name, created_at) VALUES (:hash, :user, "
                        + "'fault test', now())").bind("hash", sha256(token)).bind("user", id).execute();
            });
            return token;
        }).toList();
    }

    static String reservationBody(long plot) {
        return "{\"parcelIds\":[" + plot + "],\"activity\":\"1079\",\"investment\":50000000000,\"jobs\":40,"
                + "\"knowledgeBased\":true}";
    }

    static void deleteTree(Path dir) {
        org.zamin.testing.TestServerAccess.delete(dir);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.zamin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestServerAccess;
import org.zamin.testing.TestUsers;

/**
 * A real streaming replica of the shared test cluster ({@code pg_basebackup -R}, run as PostgreSQL's own account on a
 * port of its own) under a server started with {@code DATABASE_READ_URL} (issue 14: the setting had never run against a
 * replica). With the replica's replay paused, an estate written on the primary exists on one side only, so every
 * answer shows which side served it: the public map, OGC, tiles and statistics come from the replica; a reservation
 * and reading it back come from the primary. When the replica stops, reads fall back to the primary, and when it is
 * back (and paused again behind a second estate) they return to it.
 */
class ReadReplicaTest {

    private static final Path REPLICA = Path.of("target", "test-pg-replica").toAbsolutePath();
    private static final Path SERVER_DIR = Path.of("target", "test-replica-server").toAbsolutePath();
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final TestServer ts = TestServer.get();
    private final EmbeddedPostgres primary = ts.postgres();

    @Test
    void lagTolerantReadsUseTheReplicaWritesThePrimaryAndAnOutageFallsBackAndReturns() throws Exception {
        Replica replica = Replica.of(primary, REPLICA);
        try {
            String server = "postgresql://" + primary.appUser() + ":" + primary.appPassword() + "@127.0.0.1:";
            Settings settings = Settings.fromEnvironment(Map.of("ZAMIN_PORT", "0", "ZAMIN_DEMO", "false",
                    "ZAMIN_DATA_DIR", SERVER_DIR.toString(),
                    "DATABASE_URL", server + primary.port() + "/zamin",
                    "DATABASE_OWNER_URL", "postgresql://" + primary.user() + ":" + primary.password() + "@127.0.0.1:"
                            + primary.port() + "/zamin",
                    "DATABASE_READ_URL", server + replica.port + "/zamin"));
            try (App app = App.start(settings, Database.open(settings), true)) {
                String base = "http://127.0.0.1:" + app.port();
                var planner = TestUsers.planner();

                replica.pauseReplayWhenCaughtUp(primary);
                var onlyOnPrimary = TestEstates.create(ts.jdbi());
                long plot = onlyOnPrimary.addParcel(ts.jdbi(), "P1", onlyOnPrimary.rect(100, 100, 300, 300),
                        "AVAILABLE");
                assertTrue(ts.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM parcel WHERE id = :id")
                        .bind("id", plot).mapTo(Long.class).one()) == 1);

                // Reads that may lag come from the replica, which has not seen the new estate.
                String code = onlyOnPrimary.code();
                String tile = tilePath(onlyOnPrimary.lon(200), onlyOnPrimary.lat(200));
                assertEquals(404, get(base + "/api/estates/" + code).status());
                assertEquals(404, get(base + "/api/parcels/" + plot).status());
                assertEquals(422, get(base + "/api/parcels?estate=" + code).status(), "unknown estate on the replica");
                assertEquals(404, get(base + "/ogc/collections/estates/items/" + code).status());
                assertEquals(0, get(base + tile).body().length(), "the plot's tile comes from the replica: empty");
                assertEquals(422, get(base + "/api/stats?estate=" + code, planner).status(), "statistics");

                // Writes, and reads of what was just written, go to the primary.
                var investor = TestUsers.investor();
                Http.Response reserved = Http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/api/reservations"))
                        .header("Content-Type", "application/json").header("Authorization", investor.bearer())
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"parcelIds\":[" + plot + "],\"activity\":\"1079\",\"investment\":50000000000,"
                                        + "\"jobs\":40,\"knowledgeBased\":true}")));
                assertEquals(201, reserved.status(), reserved.body());
                long reservation = reserved.json().get("id").asLong();
                assertEquals(200, get(base + "/api/reservations/" + reservation, investor).status());
                // The pools name themselves: the replica serves the read pool and nothing else of this server.
                List<String> onReplica = replica.applications();
                assertTrue(onReplica.contains("zamin-read"), onReplica.toString());
                assertTrue(!onReplica.contains("zamin-write"), onReplica.toString());

                // The replica goes away: reads fall back to the primary, which has the estate.
                replica.stop();
                Http.Response fallback = await(() -> get(base + "/api/estates/" + code), r -> r.status() == 200);
                assertEquals(200, fallback.status(), "reads fall back to the primary: " + fallback.body());
                assertEquals(1, get(base + "/api/parcels?estate=" + code).json().get("features").size());
                assertTrue(get(base + tile).body().length() > 0, "the plot's tile from the primary");
                assertEquals(200, get(base + "/ogc/collections/estates/items/" + code).status());
                assertEquals(200, get(base + "/api/stats?estate=" + code, planner).status());
                assertEquals(200, get(base + "/health").status(), "the primary is all the service needs");
                // A server started while the replica is down starts all the same, and reads from the primary.
                try (App another = App.start(settings, Database.open(settings), true)) {
                    assertEquals(200, get("http://127.0.0.1:" + another.port() + "/api/estates/" + code).status());
                }

                // The replica is back, catches up and is paused again behind a second estate: reads return to it.
                replica.start();
                replica.pauseReplayWhenCaughtUp(primary);
                var second = TestEstates.create(ts.jdbi());
                second.addParcel(ts.jdbi(), "P1", second.rect(100, 100, 300, 300), "AVAILABLE");
                Http.Response back = await(() -> get(base + "/api/estates/" + second.code()), r -> r.status() == 404);
                assertEquals(404, back.status(), "reads return to the replica: " + back.body());
                assertEquals(200, get(base + "/api/estates/" + code).status(), "it has caught up with the first");
            }
        } finally {
            replica.stop();
        }
    }

    /** The tile of the parcels layer at zoom 16 that holds the point. */
    private static String tilePath(double lon, double lat) {
        int z = 16;
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt";
    }

    private static Http.Response get(String url) {
        return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET());
    }

    private static Http.Response get(String url, TestUsers.User user) {
        return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", user.bearer()).GET());
    }

    /** Asks again (4 times a second) until the answer satisfies {@code done} or a minute has passed; the last answer. */
    private static Http.Response await(java.util.function.Supplier<Http.Response> ask, Predicate<Http.Response> done)
            throws InterruptedException {
        long end = System.nanoTime() + DEADLINE_NANOS;
        Http.Response r = ask.get();
        while (!done.test(r) && System.nanoTime() < end) {
            Thread.sleep(250);
            r = ask.get();
        }
        return r;
    }

    /** A hot standby made with pg_basebackup -R from the primary, run by PostgreSQL's account when we are root. */
    static final class Replica {

        private final EmbeddedPostgres primary;
        private final Path dir;
        private final int port;

        private Replica(EmbeddedPostgres primary, Path dir, int port) {
            this.primary = primary;
            this.dir = dir;
            this.port = port;
        }

        static Replica of(EmbeddedPostgres primary, Path base) throws IOException, InterruptedException {
            TestServerAccess.delete(base);
            Files.createDirectories(base);
            Path dir = base.resolve("pg");
            if (root()) {
                run(List.of("chown", "postgres:", base.toString()), null);
            }
            run(List.of(primary.tool("pg_basebackup").toString(), "-h", "127.0.0.1", "-p",
                    String.valueOf(primary.port()), "-U", primary.user(), "--no-password", "-D", dir.toString(), "-R",
                    "-X", "stream", "-c", "fast"), primary.password());
            // The connection the standby streams from, with its password, after what -R wrote (the last one counts).
            Path auto = dir.resolve("postgresql.auto.conf");
            String conninfo = "\nprimary_conninfo = 'host=127.0.0.1 port=" + primary.port() + " user=" + primary.user()
                    + " password=" + primary.password() + " application_name=zamin-test-replica'\n";
            if (root()) {
                run(List.of("sh", "-c", "cat >> " + auto), null, conninfo);
            } else {
                Files.writeString(auto, conninfo, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
            int port;
            try (var s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Replica replica = new Replica(primary, dir, port);
            replica.start();
            return replica;
        }

        void start() throws IOException, InterruptedException {
            run(List.of(primary.tool("pg_ctl").toString(), "start", "-D", dir.toString(), "-w", "-t", "120", "-l",
                    dir.resolve("server.log").toString(), "-o", "-p " + port + " -c listen_addresses=127.0.0.1"
                            + " -c unix_socket_directories= -c max_connections=300 -c hot_standby=on"), null);
        }

        void stop() throws IOException, InterruptedException {
            if (Files.exists(dir.resolve("postmaster.pid"))) {
                run(List.of(primary.tool("pg_ctl").toString(), "stop", "-D", dir.toString(), "-m", "fast", "-w"),
                        null);
            }
        }

        private Jdbi superuser() {
            return Jdbi.create("jdbc:postgresql://127.0.0.1:" + port + "/zamin", primary.user(), primary.password());
        }

        /** Waits until the standby has replayed all the primary has written, then pauses its replay. */
        void pauseReplayWhenCaughtUp(EmbeddedPostgres primary) throws InterruptedException {
            Jdbi primaryJdbi = Jdbi.create(primary.jdbcUrl("zamin"), primary.user(), primary.password());
            String target = primaryJdbi.withHandle(h -> h.createQuery("SELECT pg_current_wal_lsn()::text")
                    .mapTo(String.class).one());
            long end = System.nanoTime() + DEADLINE_NANOS;
            boolean caughtUp = false;
            while (!caughtUp && System.nanoTime() < end) {
                try {
                    caughtUp = superuser().withHandle(h -> h.createQuery(
                            "SELECT pg_last_wal_replay_lsn() >= CAST(:target AS pg_lsn)").bind("target", target)
                            .mapTo(Boolean.class).one());
                } catch (RuntimeException e) {
                    caughtUp = false; // still starting
                }
                if (!caughtUp) {
                    Thread.sleep(200);
                }
            }
            assertTrue(caughtUp, "the replica caught up with " + target);
            superuser().useHandle(h -> h.execute("SELECT pg_wal_replay_pause()"));
        }

        /** The application names of the client connections the replica serves. */
        List<String> applications() {
            return superuser().withHandle(h -> h.createQuery("SELECT DISTINCT application_name FROM pg_stat_activity "
                    + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()").mapTo(String.class).list());
        }

        private static boolean root() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void run(List<String> command, String password) throws IOException, InterruptedException {
            run(command, password, null);
        }

        private static void run(List<String> command, String password, String input)
                throws IOException, InterruptedException {
            List<String> full = new ArrayList<>();
            boolean asPostgres = root() && !command.get(0).equals("chown");
            if (asPostgres) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).directory(Path.of("/").toFile());
            if (password != null) {
                pb.environment().put("PGPASSWORD", password);
            }
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", command));
            assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        }
    }
}

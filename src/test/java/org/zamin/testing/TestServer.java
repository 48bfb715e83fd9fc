package org.zamin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.db.EmbeddedPostgres;
import org.zamin.sample.SampleLoader;

/**
 * The one real stack every test of a run shares: a throwaway PostgreSQL + PostGIS cluster under
 * {@code target/test-pg}, started the same way the service starts its embedded one, migrated, loaded with
 * the Gilan sample, and the real HTTP server on a free port.
 */
public final class TestServer {

    private static final Path BASE = Path.of("target", "test-pg").toAbsolutePath();
    private static TestServer instance;

    private final EmbeddedPostgres postgres;
    private final Database database;
    private final Jdbi ownerJdbi;
    private final App app;
    private final TestClock clock = new TestClock();
    /** The SMTP server the service mails to (in this JVM): sign-up confirmations and notices arrive here. */
    private final com.icegreen.greenmail.util.GreenMail mail;

    private TestServer() {
        deleteRecursively(BASE);
        // Durability is pointless for a throwaway cluster; these settings make the suite faster.
        postgres = EmbeddedPostgres.start(BASE, List.of("fsync=off", "synchronous_commit=off",
                "full_page_writes=off", "shared_buffers=128MB", "jit=off"));
        // Through DATABASE_URL as the unprivileged application role, migrated by the owner, as a production
        // deployment would connect. The tests' HTTP client stands for a reverse proxy on loopback: a test that sends
        // X-Forwarded-For speaks for that client address (rate limits are keyed by it).
        mail = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        mail.withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                .withDisabledAuthentication());
        mail.start();
        Settings settings = Settings.fromEnvironment(Map.of(
                "ZAMIN_SMTP_URL", "smtp://127.0.0.1:" + mail.getSmtp().getPort() + "?from=zamin%40zamin.test",
                "ZAMIN_PORT", "0",
                "ZAMIN_TRUSTED_PROXIES", "127.0.0.0/8,::1",
                "ZAMIN_DATA_DIR", BASE.toString(),
                "DATABASE_URL", "postgresql://" + postgres.appUser() + ":" + postgres.appPassword() + "@127.0.0.1:"
                        + postgres.port() + "/zamin",
                "DATABASE_OWNER_URL", "postgresql://" + postgres.user() + ":" + postgres.password() + "@127.0.0.1:"
                        + postgres.port() + "/zamin"));
        database = Database.open(settings);
        ownerJdbi = Jdbi.create(postgres.jdbcUrl("zamin"), postgres.user(), postgres.password());
        new SampleLoader(database.jdbi()).loadSampleOnFirstStart(
                org.zamin.sample.ShippedSamples.directories(Path.of("gis-data")));
        app = App.start(settings, database, true, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            mail.stop();
            postgres.close();
        }, "test-server-shutdown"));
    }

    /** The shared stack, started on first use. */
    public static synchronized TestServer get() {
        if (instance == null) {
            instance = new TestServer();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** The application's own handle (the unprivileged role the server works as). */
    public Jdbi jdbi() {
        return database.jdbi();
    }

    /** A handle as the database owner, for what only the owner may do (tampering tests, raw inserts). */
    public Jdbi ownerJdbi() {
        return ownerJdbi;
    }

    /** The mail the service sent during this run. */
    public com.icegreen.greenmail.util.GreenMail mail() {
        return mail;
    }

    public App app() {
        return app;
    }

    /** The clock the server reads; tests move it forward. */
    public TestClock clock() {
        return clock;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public Database database() {
        return database;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        // A cluster left running by a killed run would keep the directory busy: stop it first.
        Path pid = dir.resolve("pg").resolve("postmaster.pid");
        if (Files.exists(pid)) {
            try {
                long processId = Long.parseLong(Files.readAllLines(pid).get(0).trim());
                ProcessHandle.of(processId).ifPresent(ProcessHandle::destroy);
                Thread.sleep(2000);
            } catch (IOException | RuntimeException | InterruptedException e) {
                // the directory is deleted below either way
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

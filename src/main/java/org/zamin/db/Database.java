package org.zamin.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.config.Settings;

/**
 * The PostGIS store: the embedded cluster or {@code DATABASE_URL}, a connection pool, the migrations,
 * and the {@link Jdbi} handles the feature repositories query through.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Server settings for the embedded cluster: modest memory, JIT off (short spatial queries). */
    static final List<String> EMBEDDED_OPTIONS = List.of("shared_buffers=256MB", "work_mem=16MB", "jit=off");
    /** The embedded cluster's server settings: {@link #EMBEDDED_OPTIONS}, and WAL archiving when it is set. */
    static List<String> embeddedOptions(Settings settings) {
        List<String> options = new java.util.ArrayList<>(EMBEDDED_OPTIONS);
        settings.walArchiveDir().ifPresent(dir -> options.addAll(EmbeddedPostgres.walArchiveOptions(dir)));
        return options;
    }

    /** How long a request waits for a pooled connection before the pool gives up (503). */
    public static final long CONNECTION_TIMEOUT_MS = 2_000;

    private final Optional<EmbeddedPostgres> embedded;
    private final Connection owner;
    private final Connection app;
    private final HikariDataSource writePool;
    private final HikariDataSource readPool;
    private final FailFastDataSource writeSource;
    private final Jdbi jdbi;
    private final Jdbi readJdbi;

    private Database(Optional<EmbeddedPostgres> embedded, Connection owner, Connection write,
            Optional<Connection> read) {
        this.embedded = embedded;
        this.owner = owner;
        this.app = write;
        this.writePool = pool(write, "zamin-write", 20);
        this.readPool = read.map(r -> pool(r, "zamin-read", 20)).orElse(null);
        this.writeSource = new FailFastDataSource("zamin-write", writePool);
        this.jdbi = jdbi(writeSource);
        this.readJdbi = readPool == null ? jdbi : readJdbi(new ReplicaWithFallback(
                new FailFastDataSource("zamin-read", readPool), writeSource));
    }

    /** Where to connect: a JDBC URL and its credentials. */
    public record Connection(String jdbcUrl, String user, String password) {

        /** Parses {@code postgresql://user:pass@host:port/db?…} (or a {@code jdbc:postgresql:} URL). */
        public static Connection fromUrl(String url) {
            if (url.startsWith("jdbc:")) {
                return new Connection(url, null, null);
            }
            URI uri = URI.create(url.replaceFirst("^postgres://", "postgresql://"));
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Connection("jdbc:postgresql://" + hostPort + uri.getRawPath() + query, user, password);
        }
    }

    /**
     * Opens the database the settings name (starting the embedded cluster if none) and migrates it. Migrations run
     * as the owner ({@code DATABASE_OWNER_URL}, else {@code DATABASE_URL}; the superuser when embedded); the
     * service then works as the {@code DATABASE_URL} role (embedded: {@code zamin_app}), granted what it needs.
     */
    public static Database open(Settings settings) {
        Database db;
        if (settings.databaseUrl().isPresent()) {
            Connection app = Connection.fromUrl(settings.databaseUrl().get());
            db = new Database(Optional.empty(), settings.databaseOwnerUrl().map(Connection::fromUrl).orElse(app), app,
                    settings.databaseReadUrl().map(Connection::fromUrl));
        } else {
            EmbeddedPostgres pg = EmbeddedPostgres.start(settings.dataDir(), embeddedOptions(settings));
            pg.supervise();
            try {
                String url = pg.jdbcUrl("zamin");
                db = new Database(Optional.of(pg), new Connection(url, pg.user(), pg.password()),
                        new Connection(url, pg.appUser(), pg.appPassword()),
                        settings.databaseReadUrl().map(Connection::fromUrl));
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
        }
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Opens an already-running database without starting anything: what tests use for extra databases. */
    public static Database connect(Connection connection) {
        Database db = new Database(Optional.empty(), connection, connection, Optional.empty());
        db.migrate();
        return db;
    }

    private void migrate() {
        boolean separateOwner = owner != app && !java.util.Objects.equals(owner.user(), app.user());
        var flyway = Flyway.configure().locations("classpath:db/migration");
        flyway = separateOwner ? flyway.dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                : flyway.dataSource(writePool);
        KnownMigrationEdits.apply(flyway);
        MigrateResult result = flyway.load().migrate();
        log.info("database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        if (separateOwner) {
            AppRole.grant(owner, app.user());
        }
    }

    /** The read-write handle. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The handle for read-only queries: the read replica when {@code DATABASE_READ_URL} is set. */
    public Jdbi readJdbi() {
        return readJdbi;
    }

    /**
     * True when the database answers a trivial query within a second; false at once while the pool refuses
     * connections after a failure to connect ({@link FailFastDataSource}).
     */
    public boolean isHealthy() {
        try (var c = writeSource.getConnection(); var s = c.createStatement()) {
            s.setQueryTimeout(1);
            s.execute("SELECT 1");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (readPool != null) {
            readPool.close();
        }
        writePool.close();
        embedded.ifPresent(EmbeddedPostgres::close);
    }

    /**
     * Publishes each pool's figures (Micrometer's Hikari binding: {@code hikaricp_connections_*} by {@code pool}) and
     * the write pool's circuit breaker ({@code zamin_db_breaker_open} by {@code pool}) in {@code registry}. A pool
     * reports to the first registry bound to it only (Hikari allows one tracker per pool); the breaker gauge
     * covers the write pool, through which every change and own-write read goes.
     */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        for (HikariDataSource pool : readPool == null ? List.of(writePool) : List.of(writePool, readPool)) {
            if (pool.getMetricsTrackerFactory() == null) {
                pool.setMetricsTrackerFactory(
                        new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
            }
        }
        io.micrometer.core.instrument.Gauge.builder("zamin.db.breaker.open", writeSource, s -> s.isRefusing() ? 1 : 0)
                .description("1 while the write pool's circuit breaker refuses connections (database unreachable)")
                .tag("pool", writePool.getPoolName()).register(registry);
    }

    /** Stops the embedded cluster without waiting (a second SIGTERM); committed data is kept. */
    public void stopEmbeddedNow() {
        embedded.ifPresent(EmbeddedPostgres::stopImmediately);
    }

    private static Jdbi jdbi(FailFastDataSource pool) {
        Jdbi jdbi = Jdbi.create(pool);
        jdbi.addCustomizer(new PlanPerExecution());
        jdbi.getConfig(SqlStatements.class).setSqlLogger(pool.lostConnections());
        jdbi.setHandleCallbackDecorator(ReadCursor.discardOnError());
        return jdbi;
    }

    /** Reads from the replica, falling back to the primary while it is unreachable. */
    private static Jdbi readJdbi(ReplicaWithFallback source) {
        Jdbi jdbi = Jdbi.create(source);
        jdbi.addCustomizer(new PlanPerExecution());
        jdbi.getConfig(SqlStatements.class).setSqlLogger(source.lostConnections());
        jdbi.setHandleCallbackDecorator(ReadCursor.discardOnError());
        return jdbi;
    }

    private static HikariDataSource pool(Connection connection, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(connection.jdbcUrl());
        if (connection.user() != null) {
            config.setUsername(connection.user());
        }
        if (connection.password() != null) {
            config.setPassword(connection.password());
        }
        config.setMaximumPoolSize(size);
        // A request waits at most this long for a connection; while the database is unreachable, only the first
        // request (and then one probe every FailFastDataSource.OPEN_FOR) waits at all.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(30_000);
        // Plans are cached per connection (PostgreSQL's default); queries with optional filters are planned per
        // execution instead (PlanPerExecution).
        config.addDataSourceProperty("options", "-c TimeZone=UTC");
        // each pool names itself to the server (pg_stat_activity.application_name): zamin-write or zamin-read
        config.addDataSourceProperty("ApplicationName", name);
        if ("zamin-read".equals(name)) {
            // a replica that is down when the service starts is not fatal: reads use the primary until it answers
            config.setInitializationFailTimeout(-1);
        }
        return new HikariDataSource(config);
    }
}

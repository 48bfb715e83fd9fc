package org.zamin.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.config.Settings;

/**
 * Backups of the whole database as PostgreSQL's custom-format dump ({@code pg_dump -Fc}) and their restore into an
 * empty database, with the client programs of the installed PostgreSQL.
 *
 * <p>A backup is one consistent snapshot taken while the service keeps serving: the row counts it reports are read in
 * the very snapshot {@code pg_dump} dumps ({@code pg_export_snapshot}). A restore loads the dump in one transaction
 * (all or nothing): tables, then their rows, then indexes, constraints and triggers, so the decision log's
 * append-only guard is created after its rows are in and holds from then on. Ownership and grants are not restored:
 * the restored database belongs to the role that restored it, and the service's role gets its privileges the way it
 * does at every start ({@link Database#open}, which also checks the Flyway history and migrates an older dump forward).
 */
public final class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);

    /** The tables whose row counts a backup reports and a restore drill compares. */
    public static final List<String> MAIN_TABLES = List.of("estate", "parcel", "users", "reservation",
            "reservation_parcel", "allocation", "decision", "decision_checkpoint", "flyway_schema_history");

    private Backups() {}

    /** What a backup wrote: the file, its size and the row counts of {@link #MAIN_TABLES} in its snapshot. */
    public record Backup(Path file, long sizeBytes, Map<String, Long> rowCounts) {}

    /** A restore refused because the target already holds tables. */
    public static final class TargetNotEmpty extends RuntimeException {
        TargetNotEmpty(String message) {
            super(message);
        }
    }

    /** Dumps the database the settings name (embedded: its cluster, started if it is not running) to {@code file}. */
    public static Backup backup(Settings settings, Path file) {
        if (settings.databaseUrl().isPresent()) {
            return backup(owner(settings), file, clientBinDir());
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(settings.dataDir(), Database.embeddedOptions(settings))) {
            return backup(new Database.Connection(pg.jdbcUrl("zamin"), pg.user(), pg.password()), file,
                    clientBinDir());
        }
    }

    /**
     * Restores {@code file} into the database the settings name, which must hold no tables (embedded: a data directory
     * with no cluster yet, or one whose database is empty), then opens it as the service would (grants, migrations).
     */
    public static void restore(Settings settings, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the backup " + file);
        }
        if (settings.databaseUrl().isPresent()) {
            restore(owner(settings), file, clientBinDir());
        } else {
            try (EmbeddedPostgres pg = EmbeddedPostgres.start(settings.dataDir(), Database.embeddedOptions(settings))) {
                restore(new Database.Connection(pg.jdbcUrl("zamin"), pg.user(), pg.password()), file,
                        clientBinDir());
                Database.open(settings).close();
            }
            return;
        }
        Database.open(settings).close();
    }

    static Backup backup(Database.Connection db, Path file, Path binDir) {
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            String snapshot;
            try (var rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : MAIN_TABLES) {
                try (var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            Files.createDirectories(target.getParent());
            run(db, List.of(binDir.resolve("pg_dump").toString(), "--format=custom", "--snapshot=" + snapshot,
                    "--file=" + partial, "--dbname=" + libpqUrl(db)));
            c.commit();
            Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("backup written to {} ({} bytes): {}", target, Files.size(target), counts);
            return new Backup(target, Files.size(target), counts);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot back up the database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + target, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                log.warn("could not remove {}", partial);
            }
        }
    }

    static void restore(Database.Connection db, Path file, Path binDir) {
        List<String> tables = tablesIn(db);
        if (!tables.isEmpty()) {
            throw new TargetNotEmpty("the target database " + libpqUrl(db) + " already holds " + tables.size()
                    + " tables (" + tables.stream().limit(5).collect(Collectors.joining(", "))
                    + (tables.size() > 5 ? ", …" : "") + "); restore only into an empty database or data directory");
        }
        // The comment on the PostGIS extension belongs to whoever created it; the restoring role may not own it.
        String contents = run(db, List.of(binDir.resolve("pg_restore").toString(), "--list", file.toString()));
        String kept = contents.lines().filter(l -> !l.contains(" COMMENT - EXTENSION "))
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Path list = Files.createTempFile("zamin-restore-", ".list");
            try {
                Files.writeString(list, kept, StandardCharsets.UTF_8);
                run(db, List.of(binDir.resolve("pg_restore").toString(), "--single-transaction", "--exit-on-error",
                        "--no-owner", "--no-privileges", "--use-list=" + list, "--dbname=" + libpqUrl(db),
                        file.toString()));
            } finally {
                Files.deleteIfExists(list);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("restored {} into {}", file, libpqUrl(db));
    }

    /** The tables of the target outside PostgreSQL's own schemas, leaving out those an extension owns (PostGIS's). */
    static List<String> tablesIn(Database.Connection db) {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = c.createStatement();
                var rs = s.executeQuery("""
                        SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                          AND n.nspname NOT LIKE 'pg\\_%'
                          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                          AND d.objid = c.oid AND d.deptype = 'e')
                        ORDER BY 1""")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the target database: " + e.getMessage(), e);
        }
    }

    /**
     * The newest installed PostgreSQL's client programs ({@code ZAMIN_PG_BINDIR} first): pg_dump must be at least as
     * new as the server it dumps.
     */
    static Path clientBinDir() {
        String fromEnv = System.getenv("ZAMIN_PG_BINDIR");
        if (fromEnv != null && Files.isExecutable(Path.of(fromEnv, "pg_dump"))) {
            return Path.of(fromEnv);
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_dump")))
                    .max(java.util.Comparator.comparingInt(b -> versionOf(b))).orElseThrow(Backups::noClient);
        } catch (IOException e) {
            throw noClient();
        }
    }

    private static int versionOf(Path binDir) {
        String v = binDir.getParent().getFileName().toString();
        return v.matches("\\d+") ? Integer.parseInt(v) : 0;
    }

    private static IllegalStateException noClient() {
        return new IllegalStateException("pg_dump and pg_restore not found under /usr/lib/postgresql; install them "
                + "with: sudo apt-get install -y postgresql-client");
    }

    /** The owner's connection: {@code DATABASE_OWNER_URL}, else {@code DATABASE_URL}. */
    private static Database.Connection owner(Settings settings) {
        return Database.Connection.fromUrl(settings.databaseOwnerUrl().orElseGet(() -> settings.databaseUrl().get()));
    }

    /** A libpq URL for the JDBC one (host, port, database; {@code sslmode} kept), without credentials. */
    static String libpqUrl(Database.Connection db) {
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : java.util.Arrays.stream(uri.getRawQuery().split("&"))
                .filter(p -> p.startsWith("sslmode=")).collect(Collectors.joining("&"));
        return "postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
                + (query.isEmpty() ? "" : "?" + query);
    }

    /** Runs a client program with the connection's credentials in its environment; answers its standard output. */
    private static String run(Database.Connection db, List<String> command) {
        List<String> full = new ArrayList<>(command);
        if (db.user() != null) {
            full.add(1, "--username=" + db.user());
        }
        full.add(1, "--no-password");
        ProcessBuilder pb = new ProcessBuilder(full);
        if (db.password() != null) {
            pb.environment().put("PGPASSWORD", db.password());
        }
        try {
            Path errors = Files.createTempFile("zamin-pg-", ".err");
            try {
                Process p = pb.redirectError(errors.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(6, TimeUnit.HOURS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " timed out");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed: "
                            + Files.readString(errors, StandardCharsets.UTF_8).strip());
                }
                return out;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}

package org.zamin.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned migrations that were edited after installations had applied them, each named by version and by the
 * exact checksums before and after. Before migrating, an installation that recorded an old checksum is brought to the
 * new one: for a harmless edit (a comment) only the recorded checksum changes; for an edit that changed the schema, a
 * conversion script ({@code src/main/resources/db/conversions/}) first turns the old schema into the new one, in the
 * same transaction.
 * Nothing is repaired by wildcard: if any other applied migration differs, start-up stops before anything is changed.
 * The migration checksum test keeps this list from growing.
 */
final class KnownMigrationEdits {

    private static final Logger log = LoggerFactory.getLogger(KnownMigrationEdits.class);

    /** One known edit of an applied migration. */
    record Edit(String version, int appliedChecksum, int currentChecksum, String why, Optional<String> conversion) {}

    static final List<Edit> KNOWN = List.of(
            new Edit("430", 1555843472, -1531320896,
                    "51c4949 added one comment line to V430 after 2cae06d had applied it; the SQL is the same",
                    Optional.empty()),
            new Edit("010", 1348038829, -383347405,
                    "04f862e rewrote V010 (writers insert, a sealer chains) after 986d3fc had applied it",
                    Optional.of("V010-986d3fc")));

    private KnownMigrationEdits() {}

    /**
     * Brings this database's record of the known edits up to date, after checking that they are the only
     * differences between the applied migrations and the current ones; otherwise throws and changes nothing.
     */
    static void apply(Configuration flyway) {
        DataSource owner = flyway.getDataSource();
        try (Connection c = owner.getConnection()) {
            if (!historyExists(c)) {
                return;
            }
            List<Edit> applicable = applicable(c);
            refuseUnknownDifferences(flyway, applicable);
            c.setAutoCommit(false);
            for (Edit edit : applicable) {
                edit.conversion().ifPresent(name -> run(c, conversion(name)));
                try (var s = c.prepareStatement("UPDATE flyway_schema_history SET checksum = ? "
                        + "WHERE version = ? AND checksum = ? AND type = 'SQL' AND success")) {
                    s.setInt(1, edit.currentChecksum());
                    s.setString(2, edit.version());
                    s.setInt(3, edit.appliedChecksum());
                    s.executeUpdate();
                }
                log.info("migration V{}: brought up to its current text ({})", edit.version(), edit.why());
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot bring the migration history up to date: " + e.getMessage(), e);
        }
    }

    /** The known edits whose old checksum this database recorded. */
    private static List<Edit> applicable(Connection c) throws SQLException {
        List<Edit> out = new ArrayList<>();
        for (Edit edit : KNOWN) {
            try (var s = c.prepareStatement("SELECT 1 FROM flyway_schema_history "
                    + "WHERE version = ? AND checksum = ? AND type = 'SQL' AND success")) {
                s.setString(1, edit.version());
                s.setInt(2, edit.appliedChecksum());
                try (var rs = s.executeQuery()) {
                    if (rs.next()) {
                        out.add(edit);
                    }
                }
            }
        }
        return out;
    }

    /** Flyway's own validation, pending migrations aside: every difference must be one of the applicable edits. */
    private static void refuseUnknownDifferences(Configuration flyway, List<Edit> applicable) {
        var result = Flyway.configure().configuration(flyway).ignoreMigrationPatterns("*:pending").load()
                .validateWithResult();
        if (result.validationSuccessful) {
            return;
        }
        List<String> versions = applicable.stream().map(Edit::version).toList();
        List<ValidateOutput> unknown = result.invalidMigrations.stream()
                .filter(m -> !(versions.contains(m.version) && m.errorDetails != null
                        && m.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH))
                .toList();
        if (!unknown.isEmpty() || result.invalidMigrations.isEmpty()) {
            String reasons = unknown.isEmpty() ? result.getAllErrorMessages() : unknown.stream()
                    .map(m -> "V" + m.version + ": " + (m.errorDetails == null ? "invalid" : m.errorDetails.errorMessage))
                    .collect(Collectors.joining("; "));
            throw new IllegalStateException("the database was migrated by a version of Zamin whose migrations differ "
                    + "from this one's, and the difference is not a known harmless one; nothing was changed. "
                    + reasons);
        }
    }

    private static void run(Connection c, String script) {
        try (var s = c.createStatement()) {
            s.execute(script);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot convert the schema: " + e.getMessage(), e);
        }
    }

    private static String conversion(String name) {
        String resource = "/db/conversions/" + name + ".sql";
        try (var in = KnownMigrationEdits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing conversion " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static boolean historyExists(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT to_regclass('flyway_schema_history') IS NOT NULL");
                var rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}

package org.zamin.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned migrations that were edited after installations had applied them, in ways known to be harmless,
 * each named by version and by the exact checksums before and after. Before Flyway validates, an installation that
 * recorded the old checksum gets the new one, so it starts instead of refusing. Nothing is repaired by wildcard: any
 * other mismatch still stops start-up. The list only ever grows if a mistake reaches main again; the migration
 * checksum test is there so that it does not.
 */
final class ChecksumRepairs {

    private static final Logger log = LoggerFactory.getLogger(ChecksumRepairs.class);

    /** One known edit of an applied migration: its version, the checksum installations recorded, the current one. */
    record Change(String version, int appliedChecksum, int currentChecksum, String why) {}

    static final List<Change> KNOWN = List.of(
            new Change("430", 1555843472, -1531320896,
                    "51c4949 added one comment line to V430 after 2cae06d had applied it; the SQL is the same"));

    private ChecksumRepairs() {}

    /** Records the current checksum for each known change this database still holds the old checksum of. */
    static List<Change> apply(DataSource owner) {
        return rewrite(owner, KNOWN, false);
    }

    /** Puts back the checksums {@link #apply} replaced, when the migration is refused for another reason. */
    static void revert(DataSource owner, List<Change> applied) {
        rewrite(owner, applied, true);
    }

    private static List<Change> rewrite(DataSource owner, List<Change> changes, boolean back) {
        List<Change> done = new ArrayList<>();
        try (Connection c = owner.getConnection()) {
            if (!historyExists(c)) {
                return done;
            }
            for (Change change : changes) {
                int from = back ? change.currentChecksum() : change.appliedChecksum();
                int to = back ? change.appliedChecksum() : change.currentChecksum();
                try (var s = c.prepareStatement("UPDATE flyway_schema_history SET checksum = ? "
                        + "WHERE version = ? AND checksum = ? AND type = 'SQL' AND success")) {
                    s.setInt(1, to);
                    s.setString(2, change.version());
                    s.setInt(3, from);
                    if (s.executeUpdate() > 0) {
                        done.add(change);
                        log.info("migration V{}: recorded checksum {} in place of {} ({})", change.version(), to, from,
                                back ? "put back: the migration was refused" : change.why());
                    }
                }
            }
            return done;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the migration history: " + e.getMessage(), e);
        }
    }

    private static boolean historyExists(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT to_regclass('flyway_schema_history') IS NOT NULL");
                var rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}

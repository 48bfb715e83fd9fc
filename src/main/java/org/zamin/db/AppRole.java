package org.zamin.db;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What the service's own database role may do, granted by the owner after every migration: read and write the
 * feature tables, but never write decision-log entries except through {@code decision_record}, nor rewrite or remove
 * them or their signed checkpoints. Later tables are granted automatically
 * (default privileges), so a new feature table needs no change here; a new append-only table adds its revoke.
 */
final class AppRole {

    private AppRole() {}

    static void grant(Database.Connection owner, String appRole) {
        if (appRole == null || !appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("the application's database role must be a plain lower-case name, got "
                    + appRole);
        }
        String r = appRole;
        String[] statements = {
            "GRANT USAGE ON SCHEMA public TO " + r,
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + r,
            "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + r,
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + r,
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + r,
            // The log is append-only for the service: the database refuses, whatever the code does. The service
            // appends only through decision_record (time and actor from the transaction, not the caller).
            "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON decision FROM " + r,
            "REVOKE UPDATE, DELETE, TRUNCATE ON decision_checkpoint FROM " + r,
            "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM " + r,
        };
        try (var c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
                var s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the application role " + r + " its privileges: "
                    + e.getMessage(), e);
        }
    }
}

package org.zamin.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.LoggerFactory;

/**
 * The read pool's connections ({@code DATABASE_READ_URL}): from the replica while it answers, else from the primary.
 * When the replica cannot be reached its circuit breaker opens ({@link FailFastDataSource}) and reads go to the
 * primary at once; every {@link FailFastDataSource#OPEN_FOR} one read tries the replica again, and once it connects
 * reads return to it. A read whose connection is cut mid-statement fails (503); the ones after it fall back.
 */
final class ReplicaWithFallback extends DelegatingDataSource {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReplicaWithFallback.class);

    private final FailFastDataSource replica;
    private final FailFastDataSource primary;
    private final AtomicBoolean onPrimary = new AtomicBoolean();

    ReplicaWithFallback(FailFastDataSource replica, FailFastDataSource primary) {
        super(replica);
        this.replica = replica;
        this.primary = primary;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            Connection c = replica.getConnection();
            if (onPrimary.compareAndSet(true, false)) {
                log.info("the read replica answers again: reads go back to it");
            }
            return c;
        } catch (SQLException e) {
            if (!FailFastDataSource.isConnectionFailure(e)) {
                throw e;
            }
            if (onPrimary.compareAndSet(false, true)) {
                log.warn("the read replica is unreachable ({}): reads go to the primary until it is back",
                        e.getMessage());
            }
            return primary.getConnection();
        }
    }

    /** Statements that lost their connection open the replica's breaker, so the next reads fall back at once. */
    SqlLogger lostConnections() {
        return new SqlLogger() {
            @Override
            public void logException(StatementContext context, SQLException ex) {
                replica.statementFailed(ex);
            }
        };
    }
}

package org.zamin.db;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A connection pool that fails at once while the database is down. When the pool cannot reach the database, a
 * circuit breaker opens: for {@link #OPEN_FOR} every request for a connection is refused without waiting (the server
 * answers 503 at once instead of holding a thread for the pool's time-out), then one request is let through to see
 * whether the database is back; if it connects, the breaker closes again. A pool that is merely busy (every
 * connection in use) is not an outage and never opens it.
 */
public final class FailFastDataSource extends DelegatingDataSource {

    /** How long connections are refused at once after a failure to connect, before one is tried again. */
    public static final Duration OPEN_FOR = Duration.ofSeconds(5);

    private final DataSource pool;
    private final CircuitBreaker breaker;

    FailFastDataSource(String name, DataSource pool) {
        super(pool);
        this.pool = pool;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                // one failure to connect opens it; one success (the probe) closes it
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(OPEN_FOR)
                .recordException(FailFastDataSource::isConnectionFailure)
                .ignoreException(e -> !isConnectionFailure(e))
                .build());
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!breaker.tryAcquirePermission()) {
            throw new SQLTransientConnectionException(
                    "the database was unreachable a moment ago; not trying again yet", "08001");
        }
        long start = System.nanoTime();
        try {
            Connection connection = pool.getConnection();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return connection;
        } catch (SQLException | RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    /**
     * A statement failed because its connection was lost (the server shut down under a pooled connection): the
     * database is as unreachable as when the pool cannot connect, so the breaker opens the same way.
     */
    void statementFailed(SQLException e) {
        if (isConnectionFailure(e)) {
            breaker.onError(0, TimeUnit.NANOSECONDS, e);
        }
    }

    /** Reports statements that failed for a lost connection to {@link #statementFailed} (a Jdbi SQL logger). */
    SqlLogger lostConnections() {
        return new SqlLogger() {
            @Override
            public void logException(StatementContext context, SQLException ex) {
                statementFailed(ex);
            }
        };
    }

    /** True while connections are refused at once (or only the probe is let through). */
    public boolean isRefusing() {
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /**
     * Whether a failure means the database could not be reached: a connection-class SQL state (08…) or the server
     * shutting down or starting (57P01–57P03), anywhere in the cause chain. The pool's time-out carries the last
     * connection failure as its cause; a time-out of a busy pool carries none.
     */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}

package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.zamin.testing.TestServer;

/** The service's database role cannot rewrite or remove the decision log, whatever the code tries. */
class AppRoleTest {

    @Test
    void theApplicationRoleMayNotUpdateDeleteOrTruncateTheLog() {
        var app = TestServer.get().jdbi();
        assertEquals("zamin_app", app.withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one()));
        for (String sql : new String[] {"UPDATE decision SET reason = 'rewritten'", "DELETE FROM decision",
                "TRUNCATE decision"}) {
            var e = assertThrows(UnableToExecuteStatementException.class, () -> app.useHandle(h -> h.execute(sql)));
            assertTrue(e.getMessage().contains("permission denied"), sql + ": " + e.getMessage());
        }
        for (String sql : new String[] {"ALTER TABLE decision DISABLE TRIGGER decision_no_update_delete",
                "DROP TABLE decision"}) {
            var e = assertThrows(UnableToExecuteStatementException.class, () -> app.useHandle(h -> h.execute(sql)));
            assertTrue(e.getMessage().contains("must be owner"), sql + ": " + e.getMessage());
        }
    }

    @Test
    void theApplicationRoleMayAppendAndReadTheLog() {
        var app = TestServer.get().jdbi();
        long before = app.withHandle(h -> h.createQuery("SELECT count(*) FROM decision").mapTo(Long.class).one());
        new org.zamin.decision.DecisionLog(app).append(
                org.zamin.decision.Decision.of(org.zamin.decision.Actor.SYSTEM, "test.appended", "test", "1"));
        long after = app.withHandle(h -> h.createQuery("SELECT count(*) FROM decision").mapTo(Long.class).one());
        assertEquals(before + 1, after);
    }
}

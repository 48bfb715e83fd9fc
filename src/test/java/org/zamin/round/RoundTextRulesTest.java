package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.zamin.db.Transactions;
import org.zamin.testing.TestServer;

/**
 * The allocation rounds' tables refuse, in the database, the text the service refuses (V611__round_text_rules.sql):
 * a direct SQL insert of an objection or an answer with a control character or a direction override fails on its
 * CHECK constraint, and so does an application's investment beyond the service's bound. The rows are written as
 * the owner with triggers and foreign keys off (session_replication_role = replica), so that the CHECK alone decides;
 * every insert is rolled back.
 */
class RoundTextRulesTest {

    private static final String OBJECTION = "INSERT INTO round_objection (offer_id, application_id, text, filed_at) "
            + "VALUES (-1, -1, :v, now())";
    private static final String ANSWER = "INSERT INTO round_objection (offer_id, application_id, text, filed_at, "
            + "outcome, answer, answered_by, answered_at) VALUES (-1, -2, 'fine', now(), 'DISMISSED', :v, -1, now())";

    @Test
    void objectionsAndAnswersWithControlOrOverrideCharactersAreRefusedByTheDatabase() {
        List<String> wrong = new ArrayList<>();
        TestServer.get().ownerJdbi().useHandle(h -> {
            h.execute("SET session_replication_role = replica");
            try {
                for (String sql : List.of(OBJECTION, ANSWER)) {
                    String constraint = sql == OBJECTION ? "round_objection_text_text" : "round_objection_answer_text";
                    expect(h, wrong, sql, "My jobs were counted\non the wrong plot.\tPlease check.", null);
                    expect(h, wrong, sql, "شغل‌های من اشتباه شمرده شد", null);
                    expect(h, wrong, sql, "bell \u0007 here", constraint);
                    expect(h, wrong, sql, "escape \u001b[31m", constraint);
                    expect(h, wrong, sql, "abc\u202eevil", constraint);
                    expect(h, wrong, sql, "next line \u0085", constraint);
                }
            } finally {
                h.execute("SET session_replication_role = origin");
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void anApplicationsInvestmentBeyondTheServicesBoundIsRefusedByTheDatabase() {
        String sql = "INSERT INTO round_application (offer_id, investor_id, ranking, activity_isic, investment, jobs, "
                + "knowledge_based, export_share_pct, submitted_at, updated_at) "
                + "VALUES (-1, -1, ARRAY[1::bigint], '1079', CAST(:v AS bigint), 1, false, 0, now(), now())";
        List<String> wrong = new ArrayList<>();
        TestServer.get().ownerJdbi().useHandle(h -> {
            h.execute("SET session_replication_role = replica");
            try {
                expect(h, wrong, sql, Long.toString(RoundService.MAX_INVESTMENT), null);
                expect(h, wrong, sql, Long.toString(RoundService.MAX_INVESTMENT + 1),
                        "round_application_investment_bound");
            } finally {
                h.execute("SET session_replication_role = origin");
            }
        });
        assertEquals(List.of(), wrong);
    }

    /** Inserts {@code value} and rolls back; records a mismatch with the constraint expected to refuse it (or none). */
    private static void expect(Handle h, List<String> wrong, String sql, String value, String constraint) {
        String refusedBy = null;
        h.begin();
        try {
            h.createUpdate(sql).bind("v", value).execute();
        } catch (RuntimeException e) {
            refusedBy = String.valueOf(Transactions.constraint(e));
        } finally {
            h.rollback();
        }
        if (!java.util.Objects.equals(constraint, refusedBy)) {
            wrong.add(value.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04X", c)
                    : String.valueOf((char) c)).reduce("", String::concat) + ": expected " + constraint + ", got "
                    + refusedBy);
        }
    }
}

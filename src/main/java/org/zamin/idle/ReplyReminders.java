package org.zamin.idle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;
import org.zamin.db.Transactions;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;

/**
 * Reminds the holder of a served notice that the reply deadline is near ({@link #DAYS} days before it), once per
 * case whichever server sends it; run by the hold sweeper with the app's clock.
 */
public final class ReplyReminders {

    /** How many days before the reply deadline the holder is reminded. */
    public static final int DAYS = 7;
    private static final String DUE = SqlResource.load("idle/reply_reminders");

    private final Jdbi jdbi;
    private final Notifier notifier;
    private final Clock clock;

    public ReplyReminders(Jdbi jdbi, Notifier notifier, Clock clock) {
        this.jdbi = jdbi;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Sends the reminders due now; returns how many. */
    public int remind() {
        LocalDate today = LocalDate.now(clock);
        return Transactions.retrying(jdbi, h -> {
            int sent = 0;
            var due = h.createQuery(DUE).bind("today", today).bind("days", DAYS).bind("limit", 500).mapToMap().list();
            for (var row : due) {
                long caseId = ((Number) row.get("id")).longValue();
                long allocation = ((Number) row.get("allocation_id")).longValue();
                sent += notifier.notifyOnce(h, "idle_case:" + caseId, ((Number) row.get("investor_id")).longValue(),
                        "reply_due", Message.of("notice.replyDue", Map.of("allocation", allocation, "case", caseId,
                                "replyOn", row.get("reply_deadline").toString())), "#/contract/" + allocation) ? 1 : 0;
            }
            return sent;
        });
    }
}

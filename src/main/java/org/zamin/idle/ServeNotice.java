package org.zamin.idle;

import java.time.LocalDate;
import java.util.Map;
import org.zamin.domain.Invalid;
import org.zamin.parcel.ParcelStatus;

/** Serves a show-cause notice: the holder may reply until the deadline; the plots show RECLAIMING meanwhile. */
final class ServeNotice implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        int days = c.body().replyDays() == null ? c.contract().noticeReplyDays() : c.body().replyDays();
        if (days < 1 || days > 365) {
            throw new Invalid("invalid_reply_days", "replyDays must be 1 to 365");
        }
        LocalDate deadline = c.today().plusDays(days);
        IdleCaseStore.serveNotice(c.h(), c.caseId(), deadline, c.now());
        Map<String, Object> details = c.details();
        details.put("replyDeadline", deadline.toString());
        c.setPlots(ParcelStatus.RECLAIMING);
        c.notifyHolder("idle_notice", "notice.idleNotice", Map.of("replyOn", deadline.toString()));
        c.logMove(details);
        return details;
    }
}

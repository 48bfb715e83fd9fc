package org.zamin.idle;

import java.time.LocalDate;
import java.util.Map;
import org.zamin.domain.Invalid;
import org.zamin.parcel.ParcelStatus;

/**
 * Serves the next written warning (the first is the show-cause notice): its cure period comes from the estate
 * class's rules in force today ({@link DueProcessRules}), or longer when the officer gives {@code replyDays}; the
 * holder may reply and cure until its end. The plots show RECLAIMING meanwhile.
 */
final class ServeNotice implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        var rules = IdleCaseStore.rules(c.h(), c.allocation().allocationId(), c.today());
        int stage = c.locked().warning().map(w -> w.stage() + 1).orElse(1);
        int stages = c.locked().warning().map(DueProcess.Warning::stages).orElse(rules.stages());
        int minimum = rules.cureDays(stage);
        int days = c.body().replyDays() == null ? minimum : c.body().replyDays();
        if (days < minimum || days > 730) {
            throw new Invalid("invalid_reply_days", "replyDays of warning " + stage + " must be " + minimum
                    + " (the rules' cure period) to 730");
        }
        long by = c.actor().userId().orElseThrow();
        LocalDate cureEnd = IdleCaseStore.serveWarning(c.h(), c.caseId(), stage, stages, days, by, c.today(), c.now());
        Map<String, Object> details = c.details();
        details.put("stage", stage);
        details.put("stages", stages);
        details.put("cureDays", days);
        details.put("replyDeadline", cureEnd.toString());
        c.setPlots(ParcelStatus.RECLAIMING);
        c.notifyHolder("idle_notice", "notice.idleNotice", Map.of("stage", stage, "stages", stages,
                "days", days, "replyOn", cureEnd.toString(), "last", stage == stages ? "yes" : "no"));
        c.logMove(details);
        return details;
    }
}

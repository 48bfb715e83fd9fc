package org.zamin.revival;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;
import org.zamin.account.Visibility;
import org.zamin.db.SqlResource;

/** The revival desk's queries and writes, over {@code sql/revival/*.sql}; values always bound. */
final class RevivalStore {

    private static final String CASE_SCOPE = SqlResource.load("revival/case_scope");
    private static final String IS_ADVISER = SqlResource.load("revival/is_adviser");
    private static final String MARK_ADVISER = SqlResource.load("revival/mark_adviser");
    private static final String UNMARK_ADVISER = SqlResource.load("revival/unmark_adviser");
    private static final String USER_ROLE = SqlResource.load("revival/user_role");
    private static final String INSERT_DIAGNOSIS = SqlResource.load("revival/insert_diagnosis");
    private static final String CAUSES = SqlResource.load("revival/causes");
    private static final String AGENCIES = SqlResource.load("revival/agencies");
    private static final String PROVINCE_EXISTS = SqlResource.load("revival/province_exists");
    private static final String OFFICER_PROVINCES = SqlResource.load("revival/officer_provinces");
    private static final String INSERT_SESSION = SqlResource.load("revival/insert_session");
    private static final String INSERT_AGENDA = SqlResource.load("revival/insert_agenda");
    private static final String LOCK_AGENDA = SqlResource.load("revival/lock_agenda");
    private static final String DECIDE_AGENDA = SqlResource.load("revival/decide_agenda");
    private static final String LINK_PLAN_ITEMS = SqlResource.load("revival/link_plan_items");
    private static final String SESSIONS = SqlResource.load("revival/sessions");
    private static final String LATEST_CASE = SqlResource.load("revival/latest_case");
    private static final String REVIVAL = SqlResource.load("revival/revival");

    private RevivalStore() {}

    /** An idle case with where it is and whose it is. */
    record CaseScope(long id, String state, long allocationId, long investorId, String estateCode, int provinceId) {}

    static Optional<CaseScope> caseScope(Handle h, long caseId) {
        return h.createQuery(CASE_SCOPE).bind("id", caseId).map((rs, ctx) -> new CaseScope(rs.getLong("id"),
                rs.getString("state"), rs.getLong("allocation_id"), rs.getLong("investor_id"),
                rs.getString("estate_code"), rs.getInt("province_id"))).findOne();
    }

    static boolean isAdviser(Handle h, long userId) {
        return h.createQuery(IS_ADVISER).bind("id", userId).mapTo(Boolean.class).one();
    }

    static Optional<String> userRole(Handle h, long userId) {
        return h.createQuery(USER_ROLE).bind("id", userId).mapTo(String.class).findOne();
    }

    static void markAdviser(Handle h, long userId, boolean on, OffsetDateTime now) {
        if (on) {
            h.createUpdate(MARK_ADVISER).bind("id", userId).bind("now", now).execute();
        } else {
            h.createUpdate(UNMARK_ADVISER).bind("id", userId).execute();
        }
    }

    static List<String> causes(Handle h) {
        return h.createQuery(CAUSES).mapTo(String.class).list();
    }

    static List<String> agencies(Handle h) {
        return h.createQuery(AGENCIES).mapTo(String.class).list();
    }

    static long insertDiagnosis(Handle h, long caseId, long adviserId, LocalDate visitedOn, List<String> causes,
            String evidence, String recommendation, OffsetDateTime now) {
        return h.createUpdate(INSERT_DIAGNOSIS).bind("caseId", caseId).bind("adviserId", adviserId)
                .bind("visitedOn", visitedOn).bindArray("causes", String.class, causes).bind("evidence", evidence)
                .bind("recommendation", recommendation).bind("now", now).executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class).one();
    }

    static boolean provinceExists(Handle h, int provinceId) {
        return h.createQuery(PROVINCE_EXISTS).bind("id", provinceId).mapTo(Boolean.class).one();
    }

    static List<Integer> officerProvinces(Handle h, long userId) {
        return h.createQuery(OFFICER_PROVINCES).bind("id", userId).mapTo(Integer.class).list();
    }

    static long insertSession(Handle h, int provinceId, LocalDate heldOn, List<String> members, long userId,
            OffsetDateTime now) {
        return h.createUpdate(INSERT_SESSION).bind("provinceId", provinceId).bind("heldOn", heldOn)
                .bindArray("members", String.class, members).bind("userId", userId).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    static void insertAgenda(Handle h, long sessionId, long caseId) {
        h.createUpdate(INSERT_AGENDA).bind("sessionId", sessionId).bind("caseId", caseId).execute();
    }

    /** An agenda entry as locked for its decision. */
    record AgendaRow(long id, String decision, long sessionId, int provinceId, LocalDate heldOn,
            List<String> members) {}

    static Optional<AgendaRow> lockAgenda(Handle h, long sessionId, long caseId) {
        return h.createQuery(LOCK_AGENDA).bind("sessionId", sessionId).bind("caseId", caseId)
                .map((rs, ctx) -> new AgendaRow(rs.getLong("id"), rs.getString("decision"), rs.getLong("session_id"),
                        rs.getInt("province_id"), rs.getObject("held_on", LocalDate.class),
                        List.of((String[]) rs.getArray("members").getArray()))).findOne();
    }

    static void decide(Handle h, long agendaId, String decision, String bankName, Long facilityRials, String note,
            long userId, OffsetDateTime now) {
        h.createUpdate(DECIDE_AGENDA).bind("id", agendaId).bind("decision", decision).bind("bankName", bankName)
                .bind("facilityRials", facilityRials).bind("note", note).bind("userId", userId).bind("now", now)
                .execute();
    }

    static void linkPlanItems(Handle h, long agendaId, long caseId) {
        h.createUpdate(LINK_PLAN_ITEMS).bind("agendaId", agendaId).bind("caseId", caseId).execute();
    }

    static List<Map<String, Object>> sessions(Handle h, Visibility who) {
        h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
        return h.createQuery(SESSIONS).bind("scoped", who.estateScoped())
                .bindArray("estates", String.class, who.estateCodesOrEmpty()).mapToMap().list();
    }

    static Optional<Long> latestCase(Handle h, long allocationId) {
        return h.createQuery(LATEST_CASE).bind("allocationId", allocationId).mapTo(Long.class).findOne();
    }

    static Map<String, Object> revival(Handle h, long caseId, LocalDate today) {
        h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
        return h.createQuery(REVIVAL).bind("id", caseId).bind("today", today).mapToMap().one();
    }
}

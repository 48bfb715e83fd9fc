-- An allocation's idle cases, newest first.
SELECT id, state, score, reply_deadline::text AS "replyDeadline", reply,
       notice_served_at AS "noticeServedAt", sub_judice AS "subJudice"
  FROM idle_case
 WHERE allocation_id = :id
 ORDER BY id DESC

-- The sample's served notices become staged due process (run once, after serve_notices.sql, in the transaction
-- that set zamin.sample_today): in turn by case id, warning 1 only; warnings 1–2; all three warnings; three warnings and
-- an idle fee (at 20 % a year, as if the rules had it on); three warnings and two paid extension slices (closed as
-- EXTENDED); three warnings and reclaim (RECLAIMED, the allocation terminated). Dates are back-dated so that each
-- warning follows the previous cure period, as the database requires. Leaves sample_staged(id, kind) for the
-- plots' statuses.
CREATE TEMP TABLE sample_staged ON COMMIT DROP AS
SELECT c.id, c.allocation_id, ((row_number() OVER (ORDER BY c.id) - 1) % 6)::int AS kind,
       CAST(current_setting('zamin.sample_today') AS date) AS today
  FROM idle_case c JOIN allocation a ON a.id = c.allocation_id JOIN estate e ON e.id = a.estate_id
 WHERE e.code LIKE 'GIL-%' AND c.state = 'NOTICE_SERVED'
   AND NOT EXISTS (SELECT 1 FROM idle_warning w WHERE w.case_id = c.id);

INSERT INTO idle_warning (case_id, stage, stages, issued_on, cure_days, cure_until, issued_at)
SELECT id, 1, 3, today - CASE kind WHEN 0 THEN 10 WHEN 1 THEN 150 ELSE 230 END, 90,
       today - CASE kind WHEN 0 THEN 10 WHEN 1 THEN 150 ELSE 230 END + 90, now()
  FROM sample_staged;
INSERT INTO idle_warning (case_id, stage, stages, issued_on, cure_days, cure_until, issued_at)
SELECT id, 2, 3, today - CASE kind WHEN 1 THEN 20 ELSE 120 END, 45, today - CASE kind WHEN 1 THEN 20 ELSE 120 END + 45,
       now()
  FROM sample_staged WHERE kind >= 1;
INSERT INTO idle_warning (case_id, stage, stages, issued_on, cure_days, cure_until, issued_at)
SELECT id, 3, 3, today - 40, 30, today - 10, now() FROM sample_staged WHERE kind >= 2;
UPDATE idle_case c SET reply_deadline = (SELECT max(cure_until) FROM idle_warning w WHERE w.case_id = c.id)
  FROM sample_staged s WHERE s.id = c.id;

INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, period_from, period_to, charged_on, created_at)
SELECT s.id, s.allocation_id, 'IDLE_FEE', k.price, 2000, s.today - 230, s.today, s.today, now()
  FROM sample_staged s JOIN allocation_contract k ON k.allocation_id = s.allocation_id WHERE s.kind = 3;

INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, slices, months, cap_months, charged_on,
                         created_at)
SELECT s.id, s.allocation_id, 'EXTENSION',
       (SELECT coalesce(sum(round(p.area_m2 * p.price_per_m2))::bigint, 0) FROM allocation_parcel ap
          JOIN parcel p ON p.id = ap.parcel_id WHERE ap.allocation_id = s.allocation_id), 500, 2, 12, 36, s.today, now()
  FROM sample_staged s WHERE s.kind = 4;
UPDATE milestone m SET deadline = m.deadline + interval '12 months'
  FROM sample_staged s WHERE s.kind = 4 AND m.allocation_id = s.allocation_id AND m.achieved_on IS NULL;
UPDATE idle_case c SET state = 'EXTENDED', closed_at = s.today + time '09:00', updated_at = s.today + time '09:00'
  FROM sample_staged s WHERE s.id = c.id AND s.kind = 4;

UPDATE idle_case c SET state = 'RECLAIMED', closed_at = s.today + time '09:00', updated_at = s.today + time '09:00'
  FROM sample_staged s WHERE s.id = c.id AND s.kind = 5;
UPDATE allocation a SET status = 'TERMINATED' FROM sample_staged s WHERE s.allocation_id = a.id AND s.kind = 5;

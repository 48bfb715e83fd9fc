-- Makes the sample allocations' evidence match their plots' public status (run once, after the contracts exist).
CREATE TEMP TABLE sample_alloc ON COMMIT DROP AS
SELECT a.id, a.investor_id, p.id AS parcel_id, p.status, c.signed_on
  FROM allocation a JOIN allocation_parcel ap ON ap.allocation_id = a.id JOIN parcel p ON p.id = ap.parcel_id
  JOIN allocation_contract c ON c.allocation_id = a.id JOIN estate e ON e.id = a.estate_id
 WHERE e.code LIKE ANY (CAST(current_setting('zamin.sample_codes') AS text[]));

-- Reached milestones, on their deadline: everyone took possession, builders got permits and started.
UPDATE milestone m SET achieved_on = least(m.deadline, CAST(current_setting('zamin.sample_today') AS date))
  FROM sample_alloc s
 WHERE m.allocation_id = s.id
   AND (m.kind = 'POSSESSION'
        OR (m.kind IN ('BUILDING_PERMIT', 'CONSTRUCTION_START') AND s.status IN ('UNDER_CONSTRUCTION', 'IN_PRODUCTION'))
        OR (m.kind IN ('CONSTRUCTION_COMPLETION', 'OPERATING_LICENCE') AND s.status = 'IN_PRODUCTION')
        -- Half the idle plots stopped producing after they had started; the others never built.
        OR (s.status = 'IDLE' AND s.id % 2 = 0));

-- Progress reports, by each plot's holder: recent for the working plots, long ago for the idle ones.
INSERT INTO progress_report (allocation_id, reported_on, percent, text, created_by, author_role, created_at)
SELECT s.id, CASE WHEN s.status IN ('IDLE', 'RECLAIMING') THEN CAST(current_setting('zamin.sample_today') AS date) - 300 ELSE CAST(current_setting('zamin.sample_today') AS date) - (s.id % 50)::int END,
       CASE s.status WHEN 'ALLOCATED' THEN 5 WHEN 'UNDER_CONSTRUCTION' THEN 40 + (s.id % 50)::int ELSE 100 END,
       'Sample progress report', s.investor_id, 'investor', now()
  FROM sample_alloc s
 WHERE s.status <> 'IN_PRODUCTION';

-- Twelve months of electricity: working factories well above the threshold, stopped ones almost nothing.
INSERT INTO utility_reading (allocation_id, month, electricity_kwh, water_m3, imported_at)
SELECT s.id, date_trunc('month', CAST(current_setting('zamin.sample_today') AS date) - make_interval(months => g))::date,
       CASE WHEN s.status = 'IDLE' AND g <= 5 THEN (s.id % 200) ELSE 8000 + (s.id * 37 % 20000) END,
       CASE WHEN s.status = 'IDLE' AND g <= 5 THEN 2 ELSE 150 + (s.id % 300) END, now()
  FROM sample_alloc s, generate_series(1, 12) AS g
 WHERE s.status = 'IN_PRODUCTION' OR (s.status = 'IDLE' AND s.id % 2 = 0);

-- Inspections: the stopped factories were found inactive.
INSERT INTO inspection (allocation_id, inspected_on, finding, notes, created_at)
SELECT s.id, CAST(current_setting('zamin.sample_today') AS date) - 20 - (s.id % 40)::int,
       CASE WHEN s.status IN ('IDLE', 'RECLAIMING') THEN 'INACTIVE' ELSE 'ACTIVE' END, 'Sample inspection', now()
  FROM sample_alloc s
 WHERE s.status IN ('IN_PRODUCTION', 'IDLE', 'RECLAIMING') OR s.id % 3 = 0;

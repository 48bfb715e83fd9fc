-- Month by month over the last :months months (the current one last): the requests open at the month's end (or
-- today), the area they wanted, and the available land on the last day of the month the supply record holds
-- (null when the daily job did not run that month).
WITH months AS (
    SELECT m::date AS month_start,
           least((m + interval '1 month' - interval '1 day')::date, CAST(:today AS date)) AS month_end
      FROM generate_series(date_trunc('month', CAST(:today AS date)) - make_interval(months => :months - 1),
                           date_trunc('month', CAST(:today AS date)), interval '1 month') m
)
SELECT coalesce(json_agg(json_build_object(
           'month', to_char(mo.month_start, 'YYYY-MM'),
           'openRequests', (SELECT count(*) FROM demand d
                             WHERE d.created_at::date <= mo.month_end
                               AND (d.withdrawn_at IS NULL OR d.withdrawn_at::date > mo.month_end)),
           'wantedM2', (SELECT coalesce(sum(d.min_area_m2), 0) FROM demand d
                         WHERE d.created_at::date <= mo.month_end
                           AND (d.withdrawn_at IS NULL OR d.withdrawn_at::date > mo.month_end)),
           'availableM2', (SELECT round(sum(s.available_m2)) FROM supply_snapshot s
                            WHERE s.day = (SELECT max(day) FROM supply_snapshot
                                            WHERE day BETWEEN mo.month_start AND mo.month_end)))
       ORDER BY mo.month_start), '[]')::text
  FROM months mo

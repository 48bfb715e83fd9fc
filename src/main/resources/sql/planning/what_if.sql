-- For every estate with idle plots: all its idle plots, and those idle for more than :years years on
-- :asOf (idle_since earlier than :asOf minus :years years), which reclaiming would free.
SELECT e.code,
       e.name,
       e.name_fa,
       pr.code AS province,
       count(*) AS idle_plots,
       sum(p.area_m2) AS idle_area_m2,
       count(*) FILTER (WHERE p.idle_since < CAST(:asOf AS date) - make_interval(years => :years)) AS freed_plots,
       coalesce(sum(p.area_m2) FILTER (WHERE p.idle_since < CAST(:asOf AS date) - make_interval(years => :years)), 0)
           AS freed_area_m2,
       min(p.idle_since) AS idle_since_earliest
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
  JOIN province pr ON pr.id = e.province_id
 WHERE p.status = 'IDLE'
 GROUP BY e.code, e.name, e.name_fa, pr.code
 ORDER BY freed_area_m2 DESC, e.code

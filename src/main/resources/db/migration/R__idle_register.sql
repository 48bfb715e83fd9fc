-- The public idle register, defined once: one row per plot of every idle case that was not dismissed — estate,
-- plot, since when, the stage, whether the delay is government-caused and the outcome. No personal data: the
-- holder's organisation appears only where the estate class's rules (idle_due_process_rules.register_names_holder)
-- say so; never a person's name, e-mail or national ID. The page, the OGC collection (sql/ogc/idle_register.sql)
-- and the downloads (sql/register/*.sql) all read this view.
CREATE OR REPLACE VIEW idle_register AS
SELECT c.id::text || '-' || p.id::text AS id,
       c.id AS case_id,
       p.id AS parcel_id,
       p.geom,
       p.plot_number,
       e.code AS estate,
       e.name AS estate_name,
       e.name_fa AS estate_name_fa,
       pr.code AS province,
       round(p.area_m2::numeric, 1) AS area_m2,
       c.opened_as_of AS idle_since,
       CASE
           WHEN c.closed_at IS NOT NULL THEN c.state
           WHEN c.state = 'NOTICE_SERVED' AND w.stage IS NOT NULL THEN 'WARNING_' || w.stage
           ELSE c.state
       END AS stage,
       coalesce(w.stage, 0) AS warnings,
       idle_register_government_caused(c.id, coalesce((c.closed_at AT TIME ZONE 'UTC')::date, CAST(now() AS date)))
           AS government_caused,
       CASE WHEN c.closed_at IS NOT NULL THEN c.state END AS outcome,
       (c.closed_at AT TIME ZONE 'UTC')::date AS closed_on,
       CASE WHEN (idle_rules_on(e.kind, c.opened_as_of)).register_names_holder THEN nullif(u.organisation, '') END
           AS holder_organisation,
       c.updated_at
  FROM idle_case c
  JOIN allocation a ON a.id = c.allocation_id
  JOIN allocation_parcel ap ON ap.allocation_id = a.id
  JOIN parcel p ON p.id = ap.parcel_id
  JOIN estate e ON e.id = a.estate_id
  JOIN province pr ON pr.id = e.province_id
  JOIN users u ON u.id = a.investor_id
  LEFT JOIN LATERAL (SELECT max(iw.stage) AS stage FROM idle_warning iw WHERE iw.case_id = c.id) w ON true
 WHERE c.state <> 'DISMISSED';

-- One register row as the GeoJSON properties object (the page, the OGC items and the GeoJSON download).
CREATE OR REPLACE FUNCTION idle_register_properties(v idle_register) RETURNS json
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT json_build_object(
           'id', v.id,
           'caseId', v.case_id,
           'plotId', v.parcel_id,
           'plotNumber', v.plot_number,
           'estate', v.estate,
           'estateName', v.estate_name,
           'estateNameFa', v.estate_name_fa,
           'province', v.province,
           'areaM2', v.area_m2,
           'idleSince', v.idle_since,
           'stage', v.stage,
           'warnings', v.warnings,
           'governmentCaused', v.government_caused,
           'outcome', v.outcome,
           'closedOn', v.closed_on,
           'holderOrganisation', v.holder_organisation,
           'updatedAt', v.updated_at)
$$;

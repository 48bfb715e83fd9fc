-- The synthetic start of idleness of a sample plot: a deterministic spread over the past 0–6 years
-- (0 … 2191 days before the load date), from the plot id alone, so every load gives the same spread.
CREATE OR REPLACE FUNCTION planning_sample_idle_since(plot_id bigint) RETURNS date
    LANGUAGE sql STABLE AS
$$ SELECT current_date - ((plot_id * 7919) % 2192)::int $$;

CREATE TEMP TABLE import_feature (
    n           int PRIMARY KEY,
    plot_number text,
    land_use    text,
    price       bigint,
    utilities   text[],
    src         geometry,
    geom        geometry,
    ok          boolean
) ON COMMIT DROP

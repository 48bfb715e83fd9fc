-- Vacant blocks as export rows: block :blockNos[i] holds plot :plotIds[i]. The geometry is the union of the plots,
-- plot_no lists their numbers, estate and land_use the distinct values, price the lowest price per m², area the sum
-- of the geodesic areas, utilities those every plot of the block is connected to.
SELECT m.block_no AS id,
       string_agg(p.plot_number, ',' ORDER BY p.id) AS plot_number,
       string_agg(DISTINCT e.code, ',') AS estate,
       string_agg(DISTINCT p.land_use, ',') AS land_use,
       min(p.price_per_m2) AS price_per_m2,
       sum(p.area_m2) AS area_m2,
       'AVAILABLE' AS status,
       array_remove(ARRAY[CASE WHEN bool_and('water' = ANY(p.utilities)) THEN 'water' END,
                          CASE WHEN bool_and('power' = ANY(p.utilities)) THEN 'power' END,
                          CASE WHEN bool_and('gas' = ANY(p.utilities)) THEN 'gas' END,
                          CASE WHEN bool_and('telecom' = ANY(p.utilities)) THEN 'telecom' END,
                          CASE WHEN bool_and('wastewater' = ANY(p.utilities)) THEN 'wastewater' END], NULL) AS utilities,
       ST_AsBinary(ST_Union(p.geom)) AS wkb
  FROM unnest(CAST(:plotIds AS bigint[]), CAST(:blockNos AS int[])) AS m(plot_id, block_no)
  JOIN parcel p ON p.id = m.plot_id
  JOIN estate e ON e.id = p.estate_id
 GROUP BY m.block_no
 ORDER BY m.block_no

-- Every vocabulary (V440): its name, and its codes in display order.
SELECT 'landUses' AS list, code, position FROM vocabulary_land_use
UNION ALL
SELECT 'utilities', code, position FROM vocabulary_utility
UNION ALL
SELECT 'plotStatuses', code, position FROM vocabulary_plot_status
UNION ALL
SELECT 'estateKinds', code, position FROM vocabulary_estate_kind
 ORDER BY list, position

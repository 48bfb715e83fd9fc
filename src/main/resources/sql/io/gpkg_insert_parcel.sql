-- One plot into the parcels table of a GeoPackage being written (SQLite, io/GeoPackageWriter): prepared once per file.
INSERT INTO parcels (geom, plot_no, estate, land_use, price_m2, area_m2, status, utilities)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)

COPY import_feature (n, plot_number, land_use, price, utilities, src) FROM STDIN (FORMAT csv)

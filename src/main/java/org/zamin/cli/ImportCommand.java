package org.zamin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.decision.Actor;
import org.zamin.decision.DecisionLog;
import org.zamin.io.FileFormat;
import org.zamin.io.FileRefusedException;
import org.zamin.parcelimport.ImportOptions;
import org.zamin.parcelimport.ImportRefused;
import org.zamin.parcelimport.ImportReport;
import org.zamin.parcelimport.ImportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./zamin import FILE --estate CODE …}: imports a parcel file and prints the validation report. */
@Command(name = "import", description = "Import plots from a GeoJSON, GeoPackage, zipped Shapefile or CSV (WKT) file.")
final class ImportCommand implements Callable<Integer> {

    /**
     * The command line is the operator's, who has no account: recorded in the decision log as the system (the database
     * accepts a role without a user id only for the system, so no entry can claim an anonymous admin).
     */
    static final Actor OPERATOR = Actor.SYSTEM;

    @Parameters(index = "0", description = "The file (.geojson/.json, .gpkg, .zip with a Shapefile, .csv).")
    Path file;

    @Option(names = "--estate", required = true, description = "Estate code, e.g. GIL-SIAHKAL.")
    String estate;

    @Option(names = "--dry-run", description = "Validate and report; write nothing.")
    boolean dryRun;

    @Option(names = "--srid", description = "EPSG code of the file's coordinates (overrides the file).")
    int srid;

    @Option(names = "--skip-invalid", description = "Import the valid features and report the rest.")
    boolean skipInvalid;

    @Option(names = "--force-resurvey", description = "Allow replacing the geometry of taken plots (logged).")
    boolean forceResurvey;

    @Option(names = "--plot-number-field", description = "Column holding the plot number.")
    String plotField;

    @Option(names = "--land-use-field", description = "Column holding the land use.")
    String landUseField;

    @Option(names = "--price-field", description = "Column holding the price per m².")
    String priceField;

    @Option(names = "--format", description = "geojson, gpkg, shp or csv (default: from the file name).")
    String format;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("no such file: " + file);
            return 2;
        }
        FileFormat fileFormat = (format != null ? FileFormat.byLabel(format) : FileFormat.byFileName(file.toString()))
                .orElse(null);
        if (fileFormat == null) {
            System.err.println("unknown format: name the file .geojson, .gpkg, .zip or .csv, or use --format");
            return 2;
        }
        ImportOptions options = ImportOptions.of(estate, OPERATOR).withDryRun(dryRun).withSrid(srid)
                .withSkipInvalid(skipInvalid).withForceResurvey(forceResurvey)
                .withFields(Optional.ofNullable(plotField), Optional.ofNullable(landUseField),
                        Optional.ofNullable(priceField));
        try (Database database = ZaminCommand.openDatabase(Settings.fromEnvironment(System.getenv()))) {
            var service = new ImportService(database.jdbi(), new DecisionLog(database.jdbi()));
            long start = System.nanoTime();
            ImportReport report = service.importFile(file, file.getFileName().toString(), fileFormat, options);
            if (json) {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report));
            } else {
                System.out.print(report.toText());
                System.out.printf("(%.1f s)%n", (System.nanoTime() - start) / 1e9);
            }
            return "refused".equals(report.outcome()) ? 1 : 0;
        } catch (FileRefusedException e) {
            System.err.println("refused (" + e.code() + "): " + e.getMessage());
            return 1;
        } catch (ImportRefused e) {
            System.err.println("refused (" + e.code() + "): " + e.getMessage());
            return 1;
        }
    }
}

package org.zamin.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.decision.DecisionLog;
import org.zamin.io.FileFormat;
import org.zamin.metrics.Metrics;
import org.zamin.parcelimport.ExportService;
import org.zamin.parcelimport.ImportRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./zamin export --format F --out FILE [--estate CODE]}: writes plots' public fields to a file. */
@Command(name = "export", description = "Export plots (public fields) as GeoJSON, GeoPackage, CSV, zipped Shapefile or FlatGeobuf.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, description = "geojson, gpkg, csv, shp (a zip) or fgb (FlatGeobuf).")
    String format;

    @Option(names = "--out", required = true, description = "The file to write.")
    Path out;

    @Option(names = "--estate", description = "Only this estate's plots.")
    String estate;

    @Override
    public Integer call() {
        FileFormat f = FileFormat.byLabel(format).orElse(null);
        if (f == null) {
            System.err.println("unknown format " + format + ": use geojson, gpkg, csv, shp or fgb");
            return 2;
        }
        try (Database database = ZaminCommand.openDatabase(Settings.fromEnvironment(System.getenv()))) {
            var exported = new ExportService(database.jdbi(), new DecisionLog(database.jdbi()), new Metrics())
                    .export(f, Optional.ofNullable(estate), out, ImportCommand.OPERATOR);
            System.out.printf("wrote %d plots to %s (%d bytes, sha256 %s)%n", exported.plots(), out,
                    exported.sizeBytes(), exported.sha256());
            return 0;
        } catch (ImportRefused e) {
            System.err.println("refused (" + e.code() + "): " + e.getMessage());
            return 1;
        }
    }
}

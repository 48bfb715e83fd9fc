package org.zamin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.decision.Actor;
import org.zamin.decision.DecisionLog;
import org.zamin.idle.IdleScan;
import org.zamin.idle.ReadingsImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./zamin scan-idle [--as-of DATE]} and {@code ./zamin import-readings FILE [--strict]}. */
final class IdleCommands {

    private IdleCommands() {}

    @Command(name = "scan-idle", description = "Run the idle scan now (takes the same lock as the server's daily scan).")
    static final class ScanIdle implements Callable<Integer> {

        @Option(names = "--as-of", description = "The day to scan as of (default: today, UTC).")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (Database database = ZaminCommand.openDatabase(Settings.fromEnvironment(System.getenv()))) {
                Clock clock = Clock.systemUTC();
                var result = new IdleScan(database.jdbi(), new DecisionLog(database.jdbi()), clock)
                        .run(asOf == null ? LocalDate.now(clock) : asOf, Actor.SYSTEM);
                System.out.printf("idle scan as of %s: %d allocations scanned, %d cases opened, %d updated (%d ms)%n",
                        result.asOf(), result.scanned(), result.opened(), result.updated(), result.millis());
                return 0;
            } catch (org.zamin.domain.DomainException e) {
                System.err.println("zamin: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "import-readings", description = "Import monthly utility readings from CSV "
            + "(allocation,month,electricity_kwh,water_m3).")
    static final class ImportReadings implements Callable<Integer> {

        @Parameters(index = "0", description = "The CSV file.")
        Path file;

        @Option(names = "--strict", description = "Import nothing when any row is bad.")
        boolean strict;

        @Override
        public Integer call() throws IOException {
            try (Database database = ZaminCommand.openDatabase(Settings.fromEnvironment(System.getenv()));
                    var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                var report = new ReadingsImport(database.jdbi(), Clock.systemUTC()).run(reader, strict);
                for (var e : report.errors()) {
                    System.out.printf("line %d: %s%n", e.line(), e.message());
                }
                System.out.printf("%d rows, %d imported, %d rejected%s%n", report.rows(), report.imported(),
                        report.errors().size(), strict && !report.errors().isEmpty() ? " (--strict: nothing imported)" : "");
                return report.errors().isEmpty() ? 0 : 1;
            }
        }
    }
}

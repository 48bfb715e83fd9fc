package org.zamin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.decision.DecisionCheckpoints;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.LogSigningKey;
import org.zamin.sample.NationalGenerator;
import org.zamin.sample.SampleLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ./zamin} command line (the launcher script builds the jar and hands its arguments here). */
@Command(name = "zamin", mixinStandardHelpOptions = true, version = "Zamin 0.1",
        description = "An open land bank for industrial estates.",
        subcommands = {ZaminCommand.Serve.class, ZaminCommand.Generate.class, ZaminCommand.VerifyLog.class,
                UserCommand.class, ImportCommand.class, ExportCommand.class, IdleCommands.ScanIdle.class,
                IdleCommands.ImportReadings.class, VerifyRoundCommand.class,
                BackupCommands.Backup.class, BackupCommands.Restore.class})
public final class ZaminCommand implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ZaminCommand.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new ZaminCommand())
                .setExecutionExceptionHandler(ZaminCommand::failed)
                .execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** A command that fails says why in one line, not with a stack trace (that is logged at debug level). */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        log.debug("{} failed", command.getCommandName(), e);
        System.err.println("zamin " + command.getCommandName() + ": " + e.getMessage());
        return 1;
    }

    /** Opens the database the environment names, migrated. */
    static Database openDatabase(Settings settings) {
        log.info("settings: {}", settings);
        return Database.open(settings);
    }

    @Command(name = "serve", description = "Start PostGIS (embedded unless DATABASE_URL is set) and the map server.")
    static final class Serve implements Runnable {

        @Option(names = "--sample-dir", split = ",", description = "Sample provinces loaded on first start in demo "
                + "mode (default: ${DEFAULT-VALUE}).",
                defaultValue = "gis-data/gilan,gis-data/qazvin")
        List<Path> sampleDirs;

        @Override
        public void run() {
            Settings settings = Settings.fromEnvironment(System.getenv());
            Database database = openDatabase(settings);
            // The sample's taken plots are held by the demo accounts (SampleAllocations): without them nothing would
            // stand behind their statuses, so a service outside demo mode starts without the sample.
            App app;
            try {
                if (settings.demoMode()) {
                    new SampleLoader(database.jdbi()).loadSampleOnFirstStart(sampleDirs);
                } else {
                    log.info("not in demo mode: the sample data is not loaded");
                }
                app = App.start(settings, database, true);
            } catch (RuntimeException | Error e) {
                // a start that fails stops the cluster it started, which would otherwise outlive this process
                database.close();
                throw e;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            ShutdownSignals.install(() -> {
                app.close();
                stopped.countDown();
            }, database::stopEmbeddedNow);
            System.out.println("Zamin is ready: http://localhost:" + app.port());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "generate", description = "Add a synthetic national data set (for scale tests) to the database.")
    static final class Generate implements Runnable {

        @Option(names = "--estates", required = true, description = "Number of estates.")
        int estates;

        @Option(names = "--plots", required = true, description = "Number of plots in total.")
        int plots;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public void run() {
            if (estates < 1 || plots < estates) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--estates must be at least 1 and --plots at least --estates");
            }
            generate(Settings.fromEnvironment(System.getenv()), estates, plots, seed, System.out);
        }

        /**
         * Generates into the database the settings name, all or nothing (one transaction); a second run finds the
         * first's estates and refuses with a message, changing nothing ({@link SampleLoader.AlreadyLoaded}).
         */
        static void generate(Settings settings, int estates, int plots, long seed, java.io.PrintStream out) {
            try (Database database = openDatabase(settings)) {
                long start = System.nanoTime();
                int loaded = new SampleLoader(database.jdbi())
                        .loadAll(new NationalGenerator(seed).generate(estates, plots));
                out.printf("generated %d estates and %d plots in %.1f s%n", estates, loaded,
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    @Command(name = "verify-log", description = "Check the decision log's hash chain from the first entry to the last, "
            + "and against the signed checkpoints of its head.")
    static final class VerifyLog implements java.util.concurrent.Callable<Integer> {

        @Option(names = "--checkpoints", paramLabel = "FILE", description = "Signed checkpoints to check against, "
                + "besides the database's: one JSON object a line, or a saved GET /api/decisions/checkpoints answer "
                + "(default: " + DecisionCheckpoints.FILE_NAME + " in the data directory).")
        Path checkpoints;

        @Override
        public Integer call() {
            return verify(Settings.fromEnvironment(System.getenv()), java.util.Optional.ofNullable(checkpoints),
                    System.out);
        }

        /** Verifies the log the settings name; prints the verdict and answers the exit status (0 intact, 1 not). */
        static int verify(Settings settings, java.util.Optional<Path> checkpointFile, java.io.PrintStream out) {
            try (Database database = openDatabase(settings)) {
                DecisionLog decisions = new DecisionLog(database.jdbi());
                var checkpoints = new DecisionCheckpoints(database.jdbi(), decisions,
                        LogSigningKey.load(settings.logSigningKey(), settings.dataDir()),
                        DecisionCheckpoints.fileIn(settings.dataDir()));
                var result = checkpointFile.map(checkpoints::verify).orElseGet(checkpoints::verify);
                if (result.valid()) {
                    out.printf("decision log intact: %d entries, head %s; matches %d signed checkpoints (the latest"
                            + " covers %d entries)%n", result.entries(), result.headHash(), result.checkpoints(),
                            result.checkpointedEntries());
                    return 0;
                }
                out.printf("decision log BROKEN at entry %d: %s (%d entries before it verified)%n",
                        result.firstBrokenSeq().orElse(-1L), result.problem().orElse("?"), result.entries());
                return 1;
            }
        }
    }
}

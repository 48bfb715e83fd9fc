package org.zamin.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.zamin.config.Settings;
import org.zamin.db.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./zamin backup FILE} and {@code ./zamin restore FILE}: the whole database, as a PostgreSQL dump. */
final class BackupCommands {

    private BackupCommands() {}

    @Command(name = "backup", description = "Write a consistent snapshot of the whole database (pg_dump custom format)"
            + " to FILE, while the service keeps serving.")
    static final class Backup implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The dump to write (replaced if it exists).")
        Path file;

        @Override
        public Integer call() {
            var backup = Backups.backup(Settings.fromEnvironment(System.getenv()), file);
            System.out.printf("wrote %s (%d bytes); rows in the snapshot: %s%n", backup.file(), backup.sizeBytes(),
                    backup.rowCounts());
            return 0;
        }
    }

    @Command(name = "restore", description = "Restore a backup into an empty database: the embedded data directory "
            + "(ZAMIN_DATA_DIR) or the one DATABASE_URL names. A database that holds tables is refused.")
    static final class Restore implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "A dump written by ./zamin backup.")
        Path file;

        @Override
        public Integer call() {
            try {
                Backups.restore(Settings.fromEnvironment(System.getenv()), file);
            } catch (Backups.TargetNotEmpty e) {
                System.err.println("zamin restore: refused: " + e.getMessage());
                return 1;
            }
            System.out.println("restored " + file + "; check it with ./zamin verify-log");
            return 0;
        }
    }
}

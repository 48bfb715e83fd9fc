package org.zamin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code serve} that fails while starting (here: a sample file that does not parse) ends with an error and stops the
 * embedded cluster it started. (Found on main: a start that failed in the demo seeding left its postmaster running
 * after the process had exited, holding the data directory and the port.)
 */
class FailedStartTest {

    private static final Path DIR = ServerProcess.ROOT.resolve("failed-start-pg");

    @AfterAll
    static void removeDirectory() {
        ServerProcess.deleteTree(DIR);
    }

    @Test
    void aFailedStartStopsTheClusterItStarted() throws Exception {
        ServerProcess.deleteTree(DIR);
        Path broken = Files.createTempDirectory("zamin-broken-sample");
        Files.writeString(broken.resolve("estates.geojson"), "{\"type\": \"FeatureCollection\", \"features\": [");
        Files.writeString(broken.resolve("parcels.geojson"), "{}");
        Files.writeString(broken.resolve("infrastructure.geojson"), "{}");
        ServerProcess server = ServerProcess.launch(DIR, "failed-start", "256m", Map.of(), "--sample-dir",
                broken.toString());
        try {
            assertTrue(server.process().waitFor(3, TimeUnit.MINUTES), "the start ended: " + server.logText());
            assertNotEquals(0, server.process().exitValue(), server.logText());
            long postmaster = ServerProcess.postmasterPid(DIR).orElse(-1);
            assertFalse(postmaster > 0 && ServerProcess.running(postmaster),
                    "no postmaster left running: " + server.logText());
            assertEquals("shut down", ServerProcess.clusterState(DIR), "the cluster was stopped cleanly");
        } finally {
            if (server.process().isAlive()) {
                server.kill();
            }
            var left = ServerProcess.postmasterPid(DIR);
            if (left.isPresent() && ServerProcess.running(left.getAsLong())) {
                ServerProcess.killProcess(left.getAsLong());
            }
        }
    }
}

package org.zamin.parcelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * A visitor's download leaves no permanent entry in the decision log (anyone could otherwise fill it as fast as they
 * can download); it is counted in the metrics instead. Exports by someone signed in are still on the record.
 */
class AnonymousExportTest {

    private static final String EXPORT = "/api/exports/parcels?format=csv&estate=GIL-SIAHKAL";
    private static final Pattern COUNTER = Pattern.compile(
            "(?m)^zamin_exports_anonymous_total\\{format=\"csv\"[^}]*\\} ([0-9.Ee+]+)$");

    @Test
    void visitorsExportsWriteNoPermanentEntry() {
        long entriesBefore = exportEntries();
        for (int i = 0; i < 5; i++) {
            Http.Response r = Http.get(EXPORT);
            assertEquals(200, r.status(), r.body());
        }
        assertEquals(entriesBefore, exportEntries(), "no permanent entry for a visitor's download");
        Http.Response signedIn = Http.get(EXPORT, "Authorization", TestUsers.investor().bearer());
        assertEquals(200, signedIn.status());
        assertEquals(entriesBefore + 1, exportEntries(), "a signed-in user's export stays on the record");
    }

    @Test
    void visitorsExportsAreCountedInTheMetrics() {
        String admin = TestUsers.admin().bearer();
        double countedBefore = counted(admin);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.get(EXPORT).status());
        }
        assertEquals(countedBefore + 3, counted(admin), 1e-9);
        assertEquals(200, Http.get(EXPORT, "Authorization", TestUsers.investor().bearer()).status());
        assertEquals(countedBefore + 3, counted(admin), 1e-9, "signed-in exports are not counted as visitors'");
    }

    @Test
    void theMetricsAreForAdminsOnly() {
        assertError(Http.get("/metrics"), 401, "unauthorized", "");
        assertError(Http.get("/metrics", "Authorization", TestUsers.investor().bearer()), 403, "forbidden", "");
        assertEquals(200, Http.get(EXPORT).status());
        Http.Response r = Http.get("/metrics", "Authorization", TestUsers.admin().bearer());
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        assertTrue(COUNTER.matcher(r.body()).find(), r.body());
    }

    private static long exportEntries() {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM decision WHERE action = 'export.created'").mapTo(Long.class).one());
    }

    private static double counted(String bearer) {
        Http.Response r = Http.get("/metrics", "Authorization", bearer);
        assertEquals(200, r.status(), r.body());
        Matcher m = COUNTER.matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.testing.TestServer;

/**
 * {@code ZAMIN_MAX_CONNECTIONS} is one cap on open connections for the whole server: with the cap reached, a new
 * connection is not served until one of the open ones closes (then it is). A second server on the test database, with
 * a cap of 2.
 */
class ConnectionLimitTest {

    @Test
    void pastTheCapANewConnectionWaitsUntilOneCloses() throws Exception {
        var ts = TestServer.get();
        var pg = ts.postgres();
        Settings settings = Settings.fromEnvironment(Map.of(
                "ZAMIN_PORT", "0",
                "ZAMIN_MAX_CONNECTIONS", "2",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + "@127.0.0.1:" + pg.port()
                        + "/zamin",
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + "@127.0.0.1:" + pg.port()
                        + "/zamin"));
        assertEquals(2, settings.serverLimits().maxConnections());
        try (App app = App.start(settings, Database.open(settings), true, ts.clock());
                Socket first = new Socket("127.0.0.1", app.port());
                Socket second = new Socket("127.0.0.1", app.port())) {
            // both are served (so both are open connections of the server)
            assertTrue(health(first).startsWith("HTTP/1.1 200"));
            assertTrue(health(second).startsWith("HTTP/1.1 200"));
            try (Socket third = new Socket("127.0.0.1", app.port())) {
                third.setSoTimeout(3000);
                send(third);
                assertThrows(SocketTimeoutException.class, () -> third.getInputStream().read(),
                        "the third connection is not served while two are open");
                first.close();
                third.setSoTimeout(20_000);
                assertTrue(readHead(third.getInputStream()).startsWith("HTTP/1.1 200"),
                        "served once one of the two closed");
            }
        }
        assertEquals(4096, Settings.fromEnvironment(Map.of()).serverLimits().maxConnections(), "the default");
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("ZAMIN_MAX_CONNECTIONS", "0")));
    }

    private static String health(Socket s) throws Exception {
        s.setSoTimeout(20_000);
        send(s);
        return readHead(s.getInputStream());
    }

    private static void send(Socket s) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status line and headers of one response (its body is small and left unread). */
    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }
}

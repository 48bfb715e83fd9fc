package org.zamin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14, parts 1 and 2: {@code zamin serve} as a real process over its own embedded cluster, killed and stopped
 * for real. Its PostgreSQL killed under load is started again by the service; SIGTERM lets requests in flight finish
 * and stops the cluster cleanly; a run that follows a killed one stops the cluster that run left. The tests share one
 * data directory (created by the first), in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeFaultTest {

    private static final Path DIR = ServerProcess.ROOT.resolve("fault-pg");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ServerProcess> started = new ArrayList<>();

    @BeforeAll
    static void freshDirectory() {
        ServerProcess.deleteTree(DIR);
    }

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        for (ServerProcess s : started) {
            if (s.process().isAlive()) {
                s.kill();
            }
        }
    }

    @AfterAll
    static void removeDirectory() throws InterruptedException {
        try {
            ServerProcess.deleteTree(DIR);
        } catch (java.io.UncheckedIOException e) {
            Thread.sleep(2000); // a postmaster was still removing its files
            ServerProcess.deleteTree(DIR);
        }
    }

    private ServerProcess start(String name) throws Exception {
        ServerProcess s = ServerProcess.start(DIR, name);
        started.add(s);
        return s;
    }

    /** Finding: a run after a killed one adopted the running cluster and left it running when it stopped. */
    @Test
    @Order(1)
    void aRunAfterAKilledOneStopsTheClusterItFoundAndAStaleLockFileIsNoObstacle() throws Exception {
        ServerProcess first = start("killed");
        long postmaster = first.postmaster();
        first.kill();
        assertTrue(ServerProcess.running(postmaster), "the cluster outlives the killed server");

        ServerProcess second = start("after-kill");
        assertEquals(postmaster, second.postmaster(), "the running cluster is adopted, not a second one started");
        assertEquals(0, second.terminate(), second.logText());
        assertFalse(ServerProcess.running(postmaster), "no postmaster left behind: " + second.logText());
        assertEquals("shut down", ServerProcess.clusterState(DIR));

        // both killed: the lock file names a process that is gone; the next run starts the cluster anyway
        ServerProcess third = start("both-killed");
        long again = third.postmaster();
        third.kill();
        ServerProcess.killProcess(again);
        assertTrue(Files.exists(DIR.resolve("pg/postmaster.pid")), "a stale lock file is left");
        ServerProcess fourth = start("after-stale-pid");
        assertNotEquals(again, fourth.postmaster());
        assertEquals(0, fourth.terminate(), fourth.logText());
        assertEquals("shut down", ServerProcess.clusterState(DIR));
    }

    /** Finding: PostgreSQL SIGKILLed under load was never started again (503 until someone ran pg_ctl by hand). */
    @Test
    @Order(2)
    void postgresKilledDuringReservationsIsRestartedAndEveryConfirmedReservationKept() throws Exception {
        ServerProcess server = start("pg-killed");
        Jdbi db = ServerProcess.superuser(DIR);
        List<String> investors = ServerProcess.users(db, "INVESTOR", 20);
        List<Long> plots = db.withHandle(h -> h.createQuery("SELECT id FROM parcel WHERE status = 'AVAILABLE' "
                + "ORDER BY id").mapTo(Long.class).list());
        assertTrue(plots.size() >= 100, "the sample has plots to reserve: " + plots.size());
        plots = plots.subList(0, plots.size() / 2); // the other half is for the next test

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch hundredAnswered = new CountDownLatch(100);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // 500 requests over fewer plots: many compete for the same plot, as in a rush
            var request = HttpRequest.newBuilder(URI.create(server.base() + "/api/reservations"))
                    .header("Authorization", "Bearer " + investors.get(i % investors.size()))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(ServerProcess.reservationBody(plots.get((i * 7)
                            % plots.size())))).build();
            answers.add(pool.submit(() -> {
                try {
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                } finally {
                    hundredAnswered.countDown();
                }
            }));
        }
        hundredAnswered.await();
        long killedAt = System.nanoTime();
        ServerProcess.killProcess(server.postmaster());

        List<Long> confirmed = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            statuses.add(r.statusCode());
            assertTrue(List.of(201, 409, 503).contains(r.statusCode()), r.statusCode() + " " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
            if (r.statusCode() == 201) {
                confirmed.add(JSON.readTree(r.body()).get("id").asLong());
            }
        }
        pool.shutdown();
        Duration left = Duration.ofSeconds(30).minusNanos(System.nanoTime() - killedAt);
        assertTrue(server.awaitHealthy(left), "/health is 200 within 30 s of the kill: " + server.logText());
        assertTrue(server.logText().contains("embedded PostgreSQL is gone"), "the restart says why");
        assertTrue(!confirmed.isEmpty(), statuses.toString());

        long kept = db.withHandle(h -> h.createQuery("SELECT count(*) FROM reservation WHERE id = ANY(:ids)")
                .bindArray("ids", Long.class, confirmed).mapTo(Long.class).one());
        assertEquals(confirmed.size(), kept, "every reservation answered 201 is there");
        long doubleHeld = db.withHandle(h -> h.createQuery("SELECT count(*) FROM (SELECT parcel_id FROM "
                + "reservation_parcel WHERE active GROUP BY parcel_id HAVING count(*) > 1) twice")
                .mapTo(Long.class).one());
        assertEquals(0, doubleHeld, "no plot has two holders");
        assertEquals(0, server.terminate(), server.logText());
        assertEquals("shut down", ServerProcess.clusterState(DIR));
    }

    /** Finding: SIGTERM cut an export in flight and an upload in flight (Jetty's stop timeout was 0). */
    @Test
    @Order(3)
    void sigtermLetsRequestsInFlightFinishThenStopsTheClusterCleanly() throws Exception {
        ServerProcess server = start("sigterm");
        Jdbi db = ServerProcess.superuser(DIR);
        String admin = ServerProcess.users(db, "ADMIN", 1).get(0);
        List<String> investors = ServerProcess.users(db, "INVESTOR", 8);
        String estate = db.withHandle(h -> h.createQuery("SELECT code FROM estate ORDER BY code LIMIT 1")
                .mapTo(String.class).one());
        List<Long> plots = db.withHandle(h -> h.createQuery("SELECT id FROM parcel WHERE status = 'AVAILABLE' "
                + "ORDER BY id DESC LIMIT 50").mapTo(Long.class).list());

        // reservations keep coming, each on a connection of its own
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            load.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String body = ServerProcess.reservationBody(plots.get((thread * 50 + i) % plots.size()));
                    exchanges.add(exchange(server.port(), "POST /api/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + investors.get((thread * 2 + i) % investors.size())
                            + "\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body));
                }
            });
        }
        for (int i = 0; i < 3000 && exchanges.stream().filter(e -> e.status() == 201).count() < 3; i++) {
            Thread.sleep(20);
        }
        assertTrue(exchanges.stream().filter(e -> e.status() == 201).count() >= 3, "holds are being taken: "
                + exchanges.stream().map(Exchange::status).toList());

        // an upload whose handler is reading its body (the server asked for it: 100 Continue), sent by a slow client
        var sample = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                Path.of("gis-data", "gilan", "parcels.geojson").toFile());
        var features = (com.fasterxml.jackson.databind.node.ArrayNode) sample.get("features");
        while (features.size() > 40) {
            features.remove(features.size() - 1);
        }
        byte[] upload = multipart(estate, JSON.writeValueAsBytes(sample));
        Socket uploadSocket = new Socket("127.0.0.1", server.port());
        OutputStream uploadOut = uploadSocket.getOutputStream();
        uploadOut.write(("POST /api/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: "
                + upload.length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        uploadOut.flush();
        String proceed = readHead(uploadSocket.getInputStream());
        assertTrue(proceed.startsWith("HTTP/1.1 100"), proceed);
        ExecutorService slowClients = Executors.newFixedThreadPool(2);
        CountDownLatch uploadBegun = new CountDownLatch(1);
        Future<Response> imported = slowClients.submit(() -> {
            for (int at = 0; at < upload.length; at += 1024) {
                uploadOut.write(upload, at, Math.min(1024, upload.length - at));
                uploadOut.flush();
                uploadBegun.countDown();
                Thread.sleep(50);
            }
            return Response.read("", uploadSocket.getInputStream());
        });

        // an export read by a slow client (a small receive window, 4 KB every 50 ms)
        Socket exportSocket = new Socket();
        exportSocket.setReceiveBufferSize(2048);
        exportSocket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        exportSocket.getOutputStream().write(("GET /api/exports/parcels?format=geojson HTTP/1.1\r\nHost: 127.0.0.1"
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String exportHead = readHead(exportSocket.getInputStream());
        assertTrue(exportHead.startsWith("HTTP/1.1 200"), exportHead);
        Future<Response> exported = slowClients.submit(() -> Response.read(exportHead,
                new SlowInput(exportSocket.getInputStream())));
        uploadBegun.await();

        server.process().destroy(); // SIGTERM
        Matcher stopping = awaitLog(server, Pattern.compile("stopping: no new connections; (\\d+) requests in flight"));
        assertTrue(Integer.parseInt(stopping.group(1)) >= 2, "the upload and the export are in flight: "
                + stopping.group());
        Response importAnswer = imported.get();
        assertTrue(importAnswer.complete(), importAnswer.toString());
        assertTrue(List.of(200, 422).contains(importAnswer.status()), importAnswer.toString());
        JsonNode report = JSON.readTree(importAnswer.body());
        assertTrue(report.has("outcome") || report.has("report"), importAnswer.toString());
        Response exportAnswer = exported.get();
        assertTrue(exportAnswer.complete(), exportAnswer.toString());
        JsonNode exportedPlots = JSON.readTree(exportAnswer.body()).get("features");
        assertTrue(exportedPlots != null && exportedPlots.size() > 100, "the whole export arrived");
        slowClients.shutdown();

        assertTrue(server.process().waitFor(2, TimeUnit.MINUTES), server.logText());
        stop.set(true);
        load.shutdown();
        assertTrue(load.awaitTermination(1, TimeUnit.MINUTES));
        assertEquals(0, server.process().exitValue(), server.logText());
        assertTrue(exchanges.stream().noneMatch(Exchange::partial), "an answer begun is an answer finished: "
                + exchanges.stream().filter(Exchange::partial).toList());
        assertTrue(ServerProcess.postmasterPid(DIR).isEmpty(), "no postmaster left");
        assertEquals("shut down", ServerProcess.clusterState(DIR));

        // every reservation answered 201 is there when the service is back
        List<Long> confirmed = new ArrayList<>();
        for (Exchange e : exchanges) {
            if (e.status() == 201) {
                confirmed.add(JSON.readTree(e.response().body()).get("id").asLong());
            }
        }
        ServerProcess again = start("after-sigterm");
        long kept = ServerProcess.superuser(DIR).withHandle(h -> h.createQuery("SELECT count(*) FROM reservation "
                + "WHERE id = ANY(:ids)").bindArray("ids", Long.class, confirmed).mapTo(Long.class).one());
        assertEquals(confirmed.size(), kept);
        assertEquals(0, again.terminate(), again.logText());
    }

    /** The second SIGTERM does not wait for the grace time: the cluster is stopped at once and the process ends. */
    @Test
    @Order(4)
    void aSecondSigtermStopsAtOnce() throws Exception {
        ServerProcess server = start("second-sigterm");
        long postmaster = server.postmaster();
        String admin = ServerProcess.users(ServerProcess.superuser(DIR), "ADMIN", 1).get(0);
        // an upload trickling in, 2 KB a second: the graceful stop would wait the whole grace time for it
        Socket uploadSocket = new Socket("127.0.0.1", server.port());
        OutputStream out = uploadSocket.getOutputStream();
        out.write(("POST /api/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: 10000000"
                + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertTrue(readHead(uploadSocket.getInputStream()).startsWith("HTTP/1.1 100"));
        ExecutorService trickle = Executors.newSingleThreadExecutor();
        trickle.submit(() -> {
            byte[] part = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"estate\"\r\n\r\nX\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out.write(part);
            byte[] chunk = new byte[200];
            java.util.Arrays.fill(chunk, (byte) 'x');
            while (true) {
                out.write(chunk);
                out.flush();
                Thread.sleep(100);
            }
        });
        server.process().destroy();
        awaitLog(server, Pattern.compile("stopping: no new connections; [1-9]\\d* requests in flight"));
        server.process().destroy();
        assertTrue(server.process().waitFor(1, TimeUnit.MINUTES), server.logText());
        trickle.shutdownNow();
        uploadSocket.close();
        assertEquals(128 + 15, server.process().exitValue(), "ended by the second signal: " + server.logText());
        assertTrue(server.logText().contains("SIGTERM again: stopping at once"), server.logText());
        assertFalse(ServerProcess.running(postmaster), "the cluster was stopped too");
    }

    private static final String BOUNDARY = "zaminFaultTestBoundary";

    /** A reader that takes at most 4 KB every 50 ms, as a client on a slow link does. */
    private static final class SlowInput extends java.io.FilterInputStream {
        SlowInput(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
            return super.read(b, off, Math.min(len, 4096));
        }
    }

    private static byte[] multipart(String estate, byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"estate\"\r\n\r\n" + estate + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\ntrue\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"parcels.geojson\""
                + "\r\nContent-Type: application/geo+json\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.write(file);
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Matcher awaitLog(ServerProcess server, Pattern pattern) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher m = pattern.matcher(server.logText());
            if (m.find()) {
                return m;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the log never said " + pattern + ": " + server.logText());
    }

    /** Reads up to the end of a response head (the blank line), byte by byte. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** One request on its own connection: refused (no connection), unanswered (no byte back), or its answer. */
    private record Exchange(boolean refused, Response response) {
        int status() {
            return response == null ? -1 : response.status();
        }

        boolean partial() {
            return response != null && !response.raw().isEmpty() && !response.complete();
        }
    }

    private static Exchange exchange(int port, String request) {
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            } catch (ConnectException e) {
                return new Exchange(true, null);
            }
            s.setSoTimeout(60_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new Exchange(false, Response.read("", s.getInputStream()));
        } catch (IOException e) {
            return new Exchange(false, null);
        }
    }

    /**
     * An HTTP/1.1 answer read to the end of the connection (the request said {@code Connection: close}): complete
     * when its body is as long as its Content-Length, or its chunks end with the last one.
     */
    private record Response(String raw, int status, String body, boolean complete) {

        static Response read(String headAlreadyRead, InputStream in) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(headAlreadyRead.getBytes(StandardCharsets.ISO_8859_1));
            byte[] buffer = new byte[8192];
            boolean closedCleanly = false;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
                closedCleanly = true;
            } catch (IOException e) {
                // a reset: what arrived before it is judged below
            }
            return parse(all.toString(StandardCharsets.ISO_8859_1), closedCleanly);
        }

        /** {@code closedCleanly}: the server ended the connection in order (an end of stream, not a reset). */
        static Response parse(String raw, boolean closedCleanly) {
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Response(raw, -1, "", false);
            }
            String head = raw.substring(0, end);
            String body = raw.substring(end + 4);
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            if (length.find()) {
                return new Response(raw, status, utf8(body), body.length() == Long.parseLong(length.group(1)));
            }
            if (Pattern.compile("(?im)^transfer-encoding:\\s*chunked").matcher(head).find()) {
                return new Response(raw, status, utf8(dechunk(body)), body.endsWith("0\r\n\r\n"));
            }
            // no length: the body ends where the server closed the connection (Connection: close)
            return new Response(raw, status, utf8(body), closedCleanly
                    && Pattern.compile("(?im)^connection:\\s*close").matcher(head).find());
        }

        /** The raw text is read byte for byte (ISO-8859-1); the body is UTF-8. */
        private static String utf8(String bytes) {
            return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }

        private static String dechunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int eol = chunked.indexOf("\r\n", at);
                if (eol < 0) {
                    break;
                }
                int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
                at = eol + 2 + size + 2;
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return "status " + status + ", complete " + complete + ", " + raw.length() + " bytes: "
                    + raw.substring(0, Math.min(raw.length(), 1200)) + " … " + raw.substring(Math.max(0, raw.length() - 300));
        }
    }
}

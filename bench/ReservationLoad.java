import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Load generator for bench/reservations.sh (run with `java ReservationLoad.java`): POST /api/reservations with
 * bearer tokens. Input lines are "token plotId". Mode "distinct": every line once, at most C in flight; prints
 * throughput and latency. Mode "race": all lines at once (one plot, many investors); prints statuses and latency.
 */
public class ReservationLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String mode = args[1];
        List<String[]> lines = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank())
                .map(l -> l.trim().split("\\s+")).toList();
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : lines.size();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
        // Warm-up: connections and the JIT, on a request that fails validation and touches no plot.
        for (int i = 0; i < 50; i++) {
            client.send(request(base, lines.get(0)[0], "[]"), HttpResponse.BodyHandlers.discarding());
        }
        Semaphore slots = new Semaphore(concurrency);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (String[] line : lines) {
            slots.acquire();
            long t0 = System.nanoTime();
            all.add(client.sendAsync(request(base, line[0], "[" + line[1] + "]"), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> {
                        latencies.add((System.nanoTime() - t0) / 1e6);
                        synchronized (statuses) {
                            statuses.merge(r.statusCode(), 1, Integer::sum);
                        }
                    })
                    .whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(java.util.Locale.ROOT, "requests=%d seconds=%.2f perSecond=%.0f median=%.1f p95=%.1f p99=%.1f max=%.1f statuses=%s%n",
                lines.size(), seconds, lines.size() / seconds, pct(sorted, 0.5), pct(sorted, 0.95), pct(sorted, 0.99),
                sorted.get(sorted.size() - 1), statuses.toString().replace(" ", ""));
        System.exit(0);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static HttpRequest request(String base, String token, String parcels) {
        String body = "{\"parcelIds\":" + parcels + ",\"activity\":\"1079\",\"investment\":1000000,\"jobs\":10,"
                + "\"knowledgeBased\":false}";
        return HttpRequest.newBuilder(URI.create(base + "/api/reservations"))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}

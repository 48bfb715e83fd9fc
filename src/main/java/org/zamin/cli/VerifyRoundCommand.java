package org.zamin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import org.zamin.round.RoundDocument;
import org.zamin.round.RoundVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./zamin verify-round FILE|URL}: recomputes a published round from its document and says whether it matches
 * (exit 0) or not (exit 1). From a URL (a round's {@code /api/offers/{id}/result}), it also checks the document's
 * SHA-256 and seed commitment against the service's public decision log.
 */
@Command(name = "verify-round", description = "Recompute a published allocation round from its document; "
        + "exit 0 when it matches, 1 when it does not.")
final class VerifyRoundCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Parameters(paramLabel = "FILE|URL", description = "The round's document (or /api/offers/{id}/result answer).")
    String source;

    @Option(names = "--sha256", description = "The document's SHA-256 as the decision log published it.")
    String publishedSha256;

    @Option(names = "--log", paramLabel = "URL", description = "The service whose public decision log published the "
            + "round (default: the URL's own service; none for a file).")
    String logBase;

    @Override
    public Integer call() throws IOException, InterruptedException {
        boolean remote = source.startsWith("http://") || source.startsWith("https://");
        JsonNode answer = JSON.readTree(remote ? fetch(URI.create(source)) : Files.readString(Path.of(source)));
        JsonNode document = answer.has("document") ? answer.get("document") : answer;
        List<String> problems = new ArrayList<>();
        Optional<String> expected = Optional.ofNullable(publishedSha256);
        String base = logBase != null ? logBase : remote ? origin(URI.create(source)) : null;
        if (base != null && document.path("inputs").has("offerId")) {
            JsonNode log = logOf(base, "offer", document.path("inputs").path("offerId").asLong());
            // a later version (an upheld objection's outcome) is published by the objection's answer entry
            boolean amended = document.hasNonNull("amendment");
            String publisher = amended ? "round_objection.answered" : "offer.closed";
            Optional<String> logged = detail(amended
                    ? logOf(base, "round_objection", document.path("amendment").path("objectionId").asLong()) : log,
                    publisher, "documentSha256");
            if (logged.isEmpty()) {
                problems.add("the decision log at " + base + " has no " + publisher + " entry for this version");
            }
            expected = expected.or(() -> logged);
            logged.filter(l -> publishedSha256 != null && !l.equalsIgnoreCase(publishedSha256)).ifPresent(l ->
                    problems.add("--sha256 differs from the decision log's " + l));
            String commitment = document.path("inputs").path("lottery").path("seedCommitment").asText();
            detail(log, "offer.published", "seedCommitment").filter(c -> !c.equalsIgnoreCase(commitment))
                    .ifPresent(c -> problems.add("the seed commitment published before the window opened was " + c
                            + ", the document says " + commitment));
        }
        var verdict = RoundVerifier.verify(JSON.writeValueAsString(document), expected);
        problems.addAll(verdict.problems());
        String round = "round " + document.path("inputs").path("offerId").asText("?");
        if (problems.isEmpty()) {
            System.out.printf("%s MATCHES: the result is recomputed exactly from its inputs (document SHA-256 %s%s)%n",
                    round, verdict.documentSha256(), expected.isPresent() ? ", as published" : "");
            return 0;
        }
        System.out.printf("%s DOES NOT MATCH (document SHA-256 %s):%n", round, verdict.documentSha256());
        problems.forEach(p -> System.out.println("  - " + p));
        return 1;
    }

    /** The entries of the public decision log about subject {@code type} {@code id}. */
    private static JsonNode logOf(String base, String type, long id) throws IOException, InterruptedException {
        return JSON.readTree(fetch(URI.create(base + "/api/decisions?subjectType=" + type + "&subjectId=" + id
                + "&limit=100"))).path("decisions");
    }

    private static Optional<String> detail(JsonNode decisions, String action, String field) {
        for (JsonNode d : decisions) {
            if (action.equals(d.path("action").asText()) && d.path("details").has(field)) {
                return Optional.of(d.path("details").path(field).asText());
            }
        }
        return Optional.empty();
    }

    private static String fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}

package org.zamin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * axe-core, the accessibility checker, fetched from the npm registry into target/ the first time a test needs it
 * (its tarball checked against the registry's published sha512 integrity, nothing installed, no node_modules), and
 * run in the page the browser shows.
 */
public final class Axe {

    static final String VERSION = "4.14.1";
    private static final String TARBALL = "https://registry.npmjs.org/axe-core/-/axe-core-" + VERSION + ".tgz";
    private static final String INTEGRITY =
            "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";
    private static final Path SCRIPT = Path.of("target", "axe-core-" + VERSION, "axe.min.js");
    private static String source;

    private Axe() {
    }

    /**
     * The serious and critical violations axe finds in the page now shown, one line each ("rule (impact): target
     * — help"); the empty list when there are none.
     */
    public static List<String> seriousViolations(Browser browser) {
        Object loaded = browser.script("return typeof window.axe === 'object'");
        if (!Boolean.TRUE.equals(loaded)) {
            browser.script(script());
        }
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' '))
                        .join(', ') + ' — ' + v.help)), (e) => done(['axe failed: ' + e]));""");
        List<String> lines = new ArrayList<>();
        if (result instanceof List<?> list) {
            for (Object line : list) {
                lines.add(String.valueOf(line));
            }
        }
        return lines;
    }

    private static synchronized String script() {
        if (source == null) {
            try {
                if (!Files.exists(SCRIPT)) {
                    download();
                }
                source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    private static void download() throws IOException {
        byte[] tarball;
        try {
            HttpResponse<byte[]> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build()
                    .send(HttpRequest.newBuilder(URI.create(TARBALL)).timeout(Duration.ofSeconds(120)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("the npm registry answered " + response.statusCode() + " for " + TARBALL);
            }
            tarball = response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String integrity;
        try {
            integrity = "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tarball));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!INTEGRITY.equals(integrity)) {
            throw new IOException("axe-core " + VERSION + " from the registry does not match its integrity " + INTEGRITY);
        }
        byte[] script = untar(new GZIPInputStream(new java.io.ByteArrayInputStream(tarball))).get("package/axe.min.js");
        if (script == null) {
            throw new IOException("no package/axe.min.js in " + TARBALL);
        }
        Files.createDirectories(SCRIPT.getParent());
        Path partial = Files.createTempFile(SCRIPT.getParent(), "axe", ".part");
        Files.write(partial, script);
        Files.move(partial, SCRIPT, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The regular files of a ustar archive by name (npm tarballs use nothing else). */
    private static Map<String, byte[]> untar(InputStream in) throws IOException {
        Map<String, byte[]> files = new java.util.HashMap<>();
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512) {
            String name = field(header, 0, 100);
            if (name.isEmpty()) {
                break;
            }
            String prefix = field(header, 345, 155);
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
            byte[] body = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            char type = (char) header[156];
            if (type == '0' || type == 0) {
                files.put(prefix.isEmpty() ? name : prefix + "/" + name, body);
            }
        }
        return files;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

}

package org.zamin.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Fixed SQL kept in {@code src/main/resources/sql/<feature>/<name>.sql}, read once; a missing file fails start-up. */
public final class SqlResource {

    private SqlResource() {}

    /** Reads {@code /sql/<path>.sql} from the classpath. */
    public static String load(String path) {
        String resource = "/sql/" + path + ".sql";
        try (InputStream in = SqlResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

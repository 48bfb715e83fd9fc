package org.zamin.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL lives in {@code src/main/resources/sql/<feature>/*.sql}, not in Java: no string literal under
 * {@code src/main/java} starts with a SQL statement, except in {@code org/zamin/db/} (the store's own machinery).
 */
class SqlLiteralTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ALLOWED = "org/zamin/db/";

    /** A literal that opens a statement: SELECT …, INSERT INTO, UPDATE t SET, DELETE FROM, WITH x AS. */
    static final Pattern SQL_START = Pattern.compile(
            "^\\s*(SELECT\\s|INSERT\\s+INTO\\s|UPDATE\\s+[\\w.\"]+\\s+SET\\s|DELETE\\s+FROM\\s"
                    + "|WITH\\s+(RECURSIVE\\s+)?[\\w\"]+(\\s*\\([^)]*\\))?\\s+AS\\s)",
            Pattern.DOTALL);

    /** A string literal of a source file and the line it starts on. */
    record Literal(int line, String text) {}

    @Test
    void noSqlInJavaStringLiterals() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = SOURCES.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(ALLOWED)) {
                    continue;
                }
                for (Literal l : literals(Files.readString(file, StandardCharsets.UTF_8))) {
                    if (SQL_START.matcher(l.text()).find()) {
                        found.add(SOURCES.resolve(relative) + ":" + l.line() + ": "
                                + l.text().strip().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "SQL in Java string literals (move it to src/main/resources/sql/<feature>/"
                + "<name>.sql and load it with db.SqlResource):\n" + String.join("\n", found));
    }

    @Test
    void theScannerFindsStatementsInStringsAndTextBlocksButNotInCommentsOrProse() {
        String source = """
                class X {
                    // "SELECT a FROM b" in a comment is not code
                    /* "DELETE FROM c" neither */
                    String a = "SELECT id FROM parcel WHERE id = :id";
                    String b = \"""
                            UPDATE parcel SET status = 'SOLD'\""";
                    String c = "select a plot on the map";
                    char q = '"';
                    String d = "DELETE";
                    String e = "say \\"INSERT INTO\\" here";
                    String f = "WITH t AS (SELECT 1) SELECT * FROM t";
                }
                """;
        List<Literal> sql = literals(source).stream().filter(l -> SQL_START.matcher(l.text()).find()).toList();
        assertEquals(List.of(4, 5, 11), sql.stream().map(Literal::line).toList(), sql.toString());
    }

    /** The string literals and text blocks of Java source, skipping comments and character literals. */
    static List<Literal> literals(String src) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith("//", i)) {
                i = src.indexOf('\n', i) < 0 ? src.length() : src.indexOf('\n', i);
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < src.length() && !src.startsWith("\"\"\"", end)) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                out.add(new Literal(line, src.substring(src.indexOf('\n', i) + 1, Math.min(end, src.length()))));
                end = Math.min(end + 3, src.length());
                line += count(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < src.length() && src.charAt(end) != c && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(new Literal(line, src.substring(i + 1, Math.min(end, src.length()))));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }
}

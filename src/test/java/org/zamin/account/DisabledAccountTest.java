package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Account administration with {@code ./zamin user list|disable|enable|reset-password} (issue 13, finding 9), run as
 * the real command line in its own JVM against the test database: a disabled user's sessions and tokens end at once.
 */
class DisabledAccountTest {

    /** The command's exit status and what it printed. */
    record Run(int status, String output) {}

    /** Runs {@code zamin ARGS…} (the jar's main class) with DATABASE_URL naming the test database. */
    static Run zamin(String stdin, String... args) throws IOException, InterruptedException {
        var pg = TestServer.get().postgres();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.zamin.cli.ZaminCommand"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword()
                + "@127.0.0.1:" + pg.port() + "/zamin");
        builder.environment().put("DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password()
                + "@127.0.0.1:" + pg.port() + "/zamin");
        builder.environment().put("ZAMIN_DEMO", "false");
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
        return new Run(process.exitValue(), output);
    }

    private static Http.Response login(String email, String password) {
        return AccountApiTest.login(email, password);
    }

    @Test
    void disablingEndsSessionsAndTokensAtOnceAndEnablingRestoresSignIn() throws Exception {
        TestUsers.User user = TestUsers.officer("GIL-RASHT");
        Http.Response session = login(user.email(), TestUsers.PASSWORD);
        String cookie = Auth.COOKIE + "=" + session.cookie(Auth.COOKIE).orElseThrow();
        assertEquals(200, Http.get("/api/me", "Cookie", cookie).status());
        assertEquals(200, Http.get("/api/me", "Authorization", user.bearer()).status());

        Run disabled = zamin(null, "user", "disable", user.email());
        assertEquals(0, disabled.status(), disabled.output());
        assertError(Http.get("/api/me", "Cookie", cookie), 401, "unauthorized", "sign in");
        assertError(Http.get("/api/me", "Authorization", user.bearer()), 401, "unauthorized", "sign in");
        assertError(login(user.email(), TestUsers.PASSWORD), 401, "invalid_credentials", "password");
        long left = TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM user_session "
                + "WHERE user_id = :u) + (SELECT count(*) FROM api_token WHERE user_id = :u AND revoked_at IS NULL)")
                .bind("u", user.id()).mapTo(Long.class).one());
        assertEquals(0, left, "the database ended the sessions and revoked the tokens");
        // No writer can give a disabled account a new way in.
        assertThrows(UnableToExecuteStatementException.class, () -> TestServer.get().jdbi().useHandle(h -> h.execute(
                "INSERT INTO api_token (token_hash, user_id, name, created_at) VALUES (sha256('x'::bytea), ?, 'x', now())",
                user.id())));

        Run listed = zamin(null, "user", "list");
        assertEquals(0, listed.status(), listed.output());
        String line = listed.output().lines().filter(l -> l.contains(user.email())).findFirst().orElseThrow();
        assertTrue(line.contains("disabled") && line.contains("officer") && line.contains("GIL-RASHT"), line);

        Run enabled = zamin(null, "user", "enable", user.email());
        assertEquals(0, enabled.status(), enabled.output());
        assertEquals(200, login(user.email(), TestUsers.PASSWORD).status());
        assertError(Http.get("/api/me", "Authorization", user.bearer()), 401, "unauthorized", "sign in");
    }

    @Test
    void resetPasswordSetsANewOneAndEndsTheSessions() throws Exception {
        TestUsers.User user = TestUsers.investor();
        Http.Response session = login(user.email(), TestUsers.PASSWORD);
        String cookie = Auth.COOKIE + "=" + session.cookie(Auth.COOKIE).orElseThrow();

        Run reset = zamin("a brand new password\n", "user", "reset-password", user.email(), "--password-stdin");
        assertEquals(0, reset.status(), reset.output());
        assertError(Http.get("/api/me", "Cookie", cookie), 401, "unauthorized", "sign in");
        assertEquals(401, login(user.email(), TestUsers.PASSWORD).status());
        assertEquals(200, login(user.email(), "a brand new password").status());
    }
}

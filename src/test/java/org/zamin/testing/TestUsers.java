package org.zamin.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.zamin.account.Passwords;
import org.zamin.account.Role;

/**
 * Makes users for tests straight in the database, each with a personal API token, so that hundreds of investors
 * cost no hundreds of Argon2 hashes (they share one hash of {@link #PASSWORD}). They are as the real flow leaves a
 * finished account: address confirmed and, for investors, fit to hold in an OPEN offer (a valid identity number
 * of their own, documents verified, the open-offer deposit paid in the sandbox). Tests of that flow itself go
 * through the API instead ({@link Mailbox} follows the confirmation link).
 */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong NEXT_ID =
            new java.util.concurrent.atomic.AtomicLong(100_000_000L + new java.util.Random().nextInt(700_000_000));
    private static String sharedHash;

    /** A test user: id, email, role and a bearer token for {@code Authorization}. */
    public record User(long id, String email, Role role, String token) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    private TestUsers() {}

    public static User investor() {
        return create(Role.INVESTOR);
    }

    public static User officer(String... estateCodes) {
        return create(Role.OFFICER, estateCodes);
    }

    public static User planner() {
        return create(Role.PLANNER);
    }

    public static User admin() {
        return create(Role.ADMIN);
    }

    public static User create(Role role, String... estateCodes) {
        String email = role.label() + "-" + NEXT.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@test.example";
        String token = "zmn_test_" + UUID.randomUUID() + UUID.randomUUID();
        var jdbi = TestServer.get().jdbi();
        long id = jdbi.inTransaction(h -> {
            long userId = h.createQuery("""
                    INSERT INTO users (email, name, organisation, password_hash, role, email_confirmed_at)
                    VALUES (:email, :name, 'Test firm', :hash, :role, now()) RETURNING id""")
                    .bind("email", email).bind("name", "Test " + role.label()).bind("hash", hash())
                    .bind("role", role.name()).mapTo(Long.class).one();
            if (role == Role.INVESTOR) {
                h.createUpdate("UPDATE users SET national_id = :nid, documents_verified_at = now(), "
                                + "documents_verified_by = id WHERE id = :user")
                        .bind("nid", nextNationalId()).bind("user", userId).execute();
                h.createUpdate("INSERT INTO open_deposit (investor_id, amount, gateway, reference, sandbox, paid_at) "
                                + "VALUES (:user, 100000000, 'sandbox', 'SANDBOX-TEST', true, now())")
                        .bind("user", userId).execute();
            }
            h.createUpdate("INSERT INTO officer_estate (user_id, estate_id) SELECT :user, id FROM estate "
                            + "WHERE code = ANY(CAST(:codes AS text[]))")
                    .bind("user", userId).bindArray("codes", String.class, Arrays.asList(estateCodes)).execute();
            // made at the test clock's now (which tests move ahead): a token lives 90 days from there, whatever
            // days earlier tests skipped
            var now = java.time.OffsetDateTime.now(TestServer.get().clock());
            h.createUpdate("INSERT INTO api_token (token_hash, user_id, name, created_at, expires_at) "
                            + "VALUES (:hash, :user, 'test', :now, :expires)")
                    .bind("hash", sha256(token)).bind("user", userId).bind("now", now)
                    .bind("expires", now.plusDays(90)).execute();
            return userId;
        });
        return new User(id, email, role, token);
    }

    /**
     * Renews the API tokens of {@code users} for 90 days from the test clock's now: for a test that moves the clock
     * past a token's life (a due process of three warnings takes half a year).
     */
    public static void renewTokens(User... users) {
        var now = java.time.OffsetDateTime.now(TestServer.get().clock());
        TestServer.get().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE api_token SET expires_at = :expires WHERE user_id = ANY(:users) AND expires_at < :expires")
                .bind("expires", now.plusDays(90))
                .bindArray("users", Long.class, Arrays.stream(users).map(User::id).toList()).execute());
    }

    /** Many investors at once (one transaction each is fine: no hashing). */
    public static List<User> investors(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> investor()).toList();
    }

    /** A national ID no other test user has, with a valid check digit. */
    public static String nextNationalId() {
        String first = Long.toString(NEXT_ID.incrementAndGet());
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (first.charAt(i) - '0') * (10 - i);
        }
        int r = sum % 11;
        String id = first + (r < 2 ? r : 11 - r);
        return id.chars().allMatch(c -> c == id.charAt(0)) ? nextNationalId() : id;
    }

    private static synchronized String hash() {
        if (sharedHash == null) {
            sharedHash = Passwords.hash(PASSWORD);
        }
        return sharedHash;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

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
 * cost no hundreds of Argon2 hashes (they share one hash of {@link #PASSWORD}).
 */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger NEXT = new AtomicInteger();
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
                    INSERT INTO users (email, name, organisation, password_hash, role)
                    VALUES (:email, :name, 'Test firm', :hash, :role) RETURNING id""")
                    .bind("email", email).bind("name", "Test " + role.label()).bind("hash", hash())
                    .bind("role", role.name()).mapTo(Long.class).one();
            h.createUpdate("INSERT INTO officer_estate (user_id, estate_id) SELECT :user, id FROM estate "
                            + "WHERE code = ANY(CAST(:codes AS text[]))")
                    .bind("user", userId).bindArray("codes", String.class, Arrays.asList(estateCodes)).execute();
            h.createUpdate("INSERT INTO api_token (token_hash, user_id, name, created_at) "
                            + "VALUES (:hash, :user, 'test', now())")
                    .bind("hash", sha256(token)).bind("user", userId).execute();
            return userId;
        });
        return new User(id, email, role, token);
    }

    /** Many investors at once (one transaction each is fine: no hashing). */
    public static List<User> investors(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> investor()).toList();
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

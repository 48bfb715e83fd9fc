package org.zamin.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing through password4j (OWASP's minimum: 19 MiB, 2 passes, 1 lane). Stored hashes carry
 * their own parameters, so raising them later keeps old hashes verifiable.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Verified against when the account does not exist, so an unknown address costs what a wrong password does. */
    private static final String DUMMY_HASH = hash("not-a-real-password-at-all");

    private Passwords() {}

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** True when {@code password} matches {@code storedHash}; a null hash burns the same work and says false. */
    public static boolean verify(String password, String storedHash) {
        String hash = storedHash == null ? DUMMY_HASH : storedHash;
        boolean ok;
        try {
            ok = Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            ok = false;
        }
        return ok && storedHash != null;
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "password must have at most " + MAX_LENGTH + " characters";
        }
        return null;
    }
}

package org.zamin.decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Ed25519 key that signs the decision log's checkpoints, kept outside the database: the setting
 * {@code ZAMIN_LOG_SIGNING_KEY} (a PKCS#8 private key, PEM or its base64 body, as {@code openssl genpkey -algorithm
 * ed25519} writes it), else the file {@value #FILE_NAME} in the data directory, created at first start readable by its
 * owner alone (0600). Only the public key is ever published.
 */
public final class LogSigningKey {

    /** The key file's name in the data directory. */
    public static final String FILE_NAME = "log-signing-key.pem";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private LogSigningKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = keyIdOf(publicKey.getEncoded());
    }

    /** The key the setting holds, else the data directory's key file, made now if there is none. */
    public static LogSigningKey load(Optional<String> setting, Path dataDir) {
        if (setting.isPresent()) {
            return fromPem(setting.get(), "ZAMIN_LOG_SIGNING_KEY");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                try {
                    return create(file);
                } catch (FileAlreadyExistsException e) {
                    // another process made it first: use theirs
                }
            }
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the log signing key " + file, e);
        }
    }

    /** A new key written to {@code file}, which is created with mode 0600 before anything is written to it. */
    private static LogSigningKey create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return new LogSigningKey(pair);
    }

    /** Reads a PKCS#8 Ed25519 private key and derives its public key (the JDK computes it from the 32-byte seed). */
    static LogSigningKey fromPem(String text, String source) {
        try {
            String body = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            return new LogSigningKey(generator.generateKeyPair());
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(source + " is not an Ed25519 private key in PKCS#8 (PEM) form", e);
        }
    }

    /** Hands the key generator the given seed instead of fresh random bytes, so it derives that key's pair. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    /** The Ed25519 signature of {@code message}'s UTF-8 bytes. */
    public byte[] sign(String message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is this key's signature of {@code message}. */
    public boolean verifies(String message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publicKey);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key, X.509 SubjectPublicKeyInfo, base64 (what {@code openssl pkey -pubout} prints inside PEM). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The first 16 hex digits of the SHA-256 of the public key's X.509 encoding. */
    public String keyId() {
        return keyId;
    }

    private static String keyIdOf(byte[] publicKeyX509) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyX509);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "LogSigningKey[" + keyId + "]";
    }
}

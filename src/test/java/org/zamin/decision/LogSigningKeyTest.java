package org.zamin.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zamin.config.Settings;

/** The checkpoint key: made once with mode 0600, read back the same, or taken from the setting; never shown. */
class LogSigningKeyTest {

    @Test
    void theFirstStartMakesAPrivateKeyFileAndLaterStartsReadIt(@TempDir Path dir) throws Exception {
        LogSigningKey made = LogSigningKey.load(Optional.empty(), dir);
        Path file = dir.resolve(LogSigningKey.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
        LogSigningKey again = LogSigningKey.load(Optional.empty(), dir);
        assertEquals(made.keyId(), again.keyId());
        assertEquals(made.publicKeyBase64(), again.publicKeyBase64());
        assertTrue(again.verifies("m", made.sign("m")));
        assertFalse(again.verifies("n", made.sign("m")));
    }

    @Test
    void theSettingWinsAndItsPublicKeyIsDerived(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        LogSigningKey key = LogSigningKey.load(Optional.of(pem), dir);
        assertFalse(Files.exists(dir.resolve(LogSigningKey.FILE_NAME)), "no key file when the setting has the key");
        assertEquals(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), key.publicKeyBase64());
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(pair.getPublic());
        jdk.update("checkpoint".getBytes(StandardCharsets.UTF_8));
        assertTrue(jdk.verify(key.sign("checkpoint")), "signed with the setting's key");
    }

    @Test
    void aBadSettingStopsTheStartWithoutShowingIt(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LogSigningKey.load(Optional.of("not-a-key-secret"), dir));
        assertTrue(e.getMessage().contains("ZAMIN_LOG_SIGNING_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("not-a-key-secret"), e.getMessage());
        Settings s = Settings.fromEnvironment(Map.of("ZAMIN_LOG_SIGNING_KEY", "secret-key-text"));
        assertEquals(Optional.of("secret-key-text"), s.logSigningKey());
        assertFalse(s.toString().contains("secret-key-text"), s.toString());
    }
}

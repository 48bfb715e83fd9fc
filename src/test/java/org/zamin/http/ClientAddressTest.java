package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.config.Settings;

/** Which address a request's rate limits are keyed by, with and without trusted proxies. */
class ClientAddressTest {

    private static final ClientAddress BEHIND_PROXIES = new ClientAddress(List.of("10.0.0.0/8", "2001:db8::/32"));

    @Test
    void withoutTrustedProxiesTheForwardingHeadersAreIgnored() {
        ClientAddress direct = new ClientAddress(List.of());
        assertEquals("10.1.2.3", direct.resolve("10.1.2.3", "for=198.51.100.7", "198.51.100.7"));
        assertEquals("203.0.113.5", direct.resolve("203.0.113.5", null, "198.51.100.7"));
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        assertEquals("203.0.113.5", BEHIND_PROXIES.resolve("203.0.113.5", null, "198.51.100.7"));
        assertEquals("203.0.113.5", BEHIND_PROXIES.resolve("203.0.113.5", "for=198.51.100.7", null));
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        // The client may put anything at the left; the proxies append what they saw at the right.
        assertEquals("198.51.100.7", BEHIND_PROXIES.resolve("10.0.0.2", null, "1.2.3.4, 198.51.100.7, 10.0.0.9"));
        assertEquals("198.51.100.7", BEHIND_PROXIES.resolve("10.0.0.2", null, "198.51.100.7"));
        // Only proxies all along: the leftmost is the best we know.
        assertEquals("10.0.0.9", BEHIND_PROXIES.resolve("10.0.0.2", null, "10.0.0.9"));
        // No header from a trusted proxy: the proxy itself.
        assertEquals("10.0.0.2", BEHIND_PROXIES.resolve("10.0.0.2", null, null));
    }

    @Test
    void forwardedHeaderWinsAndItsFormsAreRead() {
        assertEquals("2001:db9:0:0:0:0:0:1", BEHIND_PROXIES.resolve("10.0.0.2",
                "for=192.0.2.60;proto=http, for=\"[2001:db9::1]:4711\", for=10.0.0.5", "198.51.100.7"));
        assertEquals("192.0.2.60", BEHIND_PROXIES.resolve("10.0.0.2", "for=192.0.2.60:8080", null));
        // An obfuscated or unknown hop stops the walk at the last trusted one.
        assertEquals("10.0.0.5", BEHIND_PROXIES.resolve("10.0.0.2", "for=_hidden, for=10.0.0.5", null));
        assertEquals("10.0.0.2", BEHIND_PROXIES.resolve("10.0.0.2", null, "evil.example"));
    }

    @Test
    void trustedProxiesAreCheckedAtStart() {
        Settings s = Settings.fromEnvironment(Map.of("ZAMIN_TRUSTED_PROXIES", " 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8"));
        assertEquals(List.of("10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8"), s.trustedProxies());
        assertEquals(List.of(), Settings.fromEnvironment(Map.of()).trustedProxies());
        for (String bad : List.of("proxy.example", "10.0.0.0/33", "300.1.1.1", "10.0.0.0/8/1", "::1/129", "*")) {
            assertThrows(IllegalArgumentException.class,
                    () -> Settings.fromEnvironment(Map.of("ZAMIN_TRUSTED_PROXIES", bad)), bad);
        }
    }
}

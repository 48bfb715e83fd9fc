package org.zamin.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The address of the client a request comes from, which rate limits are keyed by. The peer the server sees is the
 * client unless it is one of the trusted proxies ({@code ZAMIN_TRUSTED_PROXIES}); then {@code Forwarded} (RFC 7239)
 * or {@code X-Forwarded-For} is read from the right, skipping trusted hops, and the first untrusted hop is the
 * client. Headers from an untrusted peer are ignored, so a client cannot choose its own address.
 */
public final class ClientAddress {

    private static final String ATTRIBUTE = "zamin.clientAddress";

    private final InetAddressSet trusted = new InetAddressSet();

    /** @param trustedProxies IP addresses and CIDR ranges (checked by {@code Settings}) */
    public ClientAddress(List<String> trustedProxies) {
        trusted.addAll(trustedProxies);
    }

    /** The client's address for this request (computed once per request). */
    public String of(Context ctx) {
        String cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String address = resolve(ctx.req().getRemoteAddr(), ctx.header("Forwarded"), ctx.header("X-Forwarded-For"));
        ctx.attribute(ATTRIBUTE, address);
        return address;
    }

    /** The rightmost untrusted hop of {@code peer} and the forwarding header it sent (Forwarded wins). */
    String resolve(String peer, String forwarded, String xForwardedFor) {
        String client = literal(peer).orElse(normal(peer));
        if (!isTrusted(peer)) {
            return client;
        }
        List<String> hops = forwarded != null && !forwarded.isBlank() ? forwardedFor(forwarded) : split(xForwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<String> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return client; // an obfuscated or garbled hop: the last trusted one is all we know
            }
            client = hop.get();
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        return literal(address).map(a -> {
            try {
                return trusted.test(InetAddress.getByName(a));
            } catch (UnknownHostException e) {
                return false;
            }
        }).orElse(false);
    }

    private static List<String> split(String header) {
        List<String> hops = new ArrayList<>();
        if (header != null) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /** The {@code for=} values of a {@code Forwarded} header, in order. */
    private static List<String> forwardedFor(String header) {
        List<String> hops = new ArrayList<>();
        for (String element : header.split(",")) {
            String node = "";
            for (String pair : element.split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("for")) {
                    node = kv[1].strip();
                }
            }
            hops.add(node);
        }
        return hops;
    }

    /**
     * An IP literal from a hop ({@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code "[2001:db8::1]:4711"}, {@code ::1}), or
     * empty for anything else ({@code unknown}, {@code _hidden}, a host name: never looked up).
     */
    static Optional<String> literal(String hop) {
        String h = hop == null ? "" : hop.strip();
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? "" : h.substring(1, end);
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port
        }
        boolean ipv4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = h.contains(":") && h.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(normal(InetAddress.getByName(h).getHostAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String normal(String address) {
        return address == null ? "" : address.toLowerCase(Locale.ROOT);
    }
}

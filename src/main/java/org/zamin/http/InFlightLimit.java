package org.zamin.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.zamin.domain.TooMany;

/**
 * At most so many requests of one client in the server at once: per account when signed in, else per address. A
 * request over its client's cap is answered 429 {@code rate_limited} with {@code Retry-After} before its body is read,
 * so one account's thousand slow uploads hold a handful of the server's threads, not all of them.
 */
public final class InFlightLimit {

    /** Requests one signed-in account may have in the server at once. */
    public static final int PER_ACCOUNT = 16;
    /** Requests one address may have in the server at once when not signed in (offices share an address). */
    public static final int PER_ADDRESS = 64;
    /** Seconds a refused client is told to wait. */
    static final int RETRY_AFTER_SECONDS = 1;

    private static final String ADMITTED = "zamin.inFlightKey";

    /** Who a request counts against. */
    public record Client(String key, int cap) {

        public static Client account(long accountId) {
            return new Client("account:" + accountId, PER_ACCOUNT);
        }

        public static Client address(String address) {
            return new Client("address:" + address, PER_ADDRESS);
        }
    }

    private final Function<Context, Client> clientOf;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** {@code clientOf} names the client of a request (it may look the account up; it must not read the body). */
    public InFlightLimit(Function<Context, Client> clientOf) {
        this.clientOf = clientOf;
    }

    /** A before-handler: admits the request or refuses it with 429 when its client is at the cap. */
    public void admit(Context ctx) {
        Client client = clientOf.apply(ctx);
        if (!tryEnter(client)) {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            throw new TooMany("rate_limited", "too many requests at once from this "
                    + (client.key().startsWith("account:") ? "account" : "address")
                    + "; wait for one to finish and try again");
        }
        ctx.attribute(ADMITTED, client.key());
    }

    /** An after-handler (Javalin runs them after failures too): the admitted request leaves. */
    public void leave(Context ctx) {
        String key = ctx.attribute(ADMITTED);
        if (key != null) {
            exit(key);
        }
    }

    /** Counts the client in, unless it already has {@code cap} requests in the server. */
    boolean tryEnter(Client client) {
        boolean[] entered = {false};
        inFlight.compute(client.key(), (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= client.cap()) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    /** Counts one request of the client out; a client with none left is forgotten. */
    void exit(String key) {
        inFlight.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    /** Requests of this client in the server now. */
    int inFlight(String key) {
        return inFlight.getOrDefault(key, 0);
    }
}

package org.zamin.account;

import static org.zamin.account.Access.ADMIN_ONLY;
import static org.zamin.account.Access.ESTATE_OFFICER;
import static org.zamin.account.Access.HOLDER;
import static org.zamin.account.Access.PARTIES;
import static org.zamin.account.Access.PLANNING;
import static org.zamin.account.Access.PUBLIC;
import static org.zamin.account.Access.SIGNED_IN;
import static org.zamin.account.Access.STAFF;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.zamin.domain.Forbidden;

/**
 * The access table: every HTTP route the service answers, with who may call it ({@link Access}: public, or roles
 * with the scope of records each reaches). It is enforced before every matched route ({@link #check}); a route that
 * is registered but missing here is refused to everyone, and the routes-matrix test fails on it.
 */
public final class RouteAccess {

    /** A route as registered: method and path pattern. */
    public record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every route and its access, in the order of the README's API list. */
    public static final Map<Route, Access> TABLE = table(
            // site and the public map
            get("/health", PUBLIC),
            get("/metrics", ADMIN_ONLY),
            get("/api/config", PUBLIC),
            get("/api/estates", PUBLIC),
            get("/api/estates/{code}", PUBLIC),
            get("/api/parcels", PUBLIC),
            get("/api/parcels/{id}", PUBLIC),
            get("/api/infrastructure", PUBLIC),
            get("/api/decisions", PUBLIC),
            get("/api/decisions/verify", PUBLIC),
            get("/api/decisions/checkpoints", PUBLIC),
            // parcel files
            get("/api/exports/parcels", PUBLIC),
            post("/api/imports", STAFF),
            // accounts (sign-in and sign-up are for visitors; sign-out ends whatever session came with the request)
            post("/api/auth/register", PUBLIC),
            post("/api/auth/login", PUBLIC),
            post("/api/auth/logout", PUBLIC),
            post("/api/auth/confirm", PUBLIC),
            get("/api/me", SIGNED_IN),
            post("/api/tokens", SIGNED_IN),
            get("/api/tokens", SIGNED_IN),
            delete("/api/tokens/{id}", SIGNED_IN),
            // investors fit to hold in OPEN offers (any officer may verify an investor's documents: investors are
            // not tied to an estate)
            get("/api/me/standing", HOLDER),
            post("/api/me/identity", HOLDER),
            post("/api/me/deposit", HOLDER),
            post("/api/investors/{id}/verify", STAFF),
            // reservations
            post("/api/reservations", HOLDER),
            get("/api/reservations", PARTIES),
            get("/api/reservations/{id}", PARTIES),
            post("/api/reservations/{id}/pay", HOLDER),
            post("/api/reservations/{id}/payment", HOLDER),
            post("/api/reservations/{id}/withdraw", HOLDER),
            post("/api/reservations/{id}/approve", ESTATE_OFFICER),
            post("/api/reservations/{id}/reject", ESTATE_OFFICER),
            // allocations and contracts
            get("/api/allocations", PARTIES),
            get("/api/allocations/{id}", PARTIES),
            get("/api/allocations/{id}/contract", PARTIES),
            post("/api/allocations/{id}/milestones", STAFF),
            post("/api/allocations/{id}/reports", HOLDER),
            post("/api/allocations/{id}/inspections", STAFF),
            post("/api/allocations/{id}/extensions", HOLDER),
            post("/api/allocations/{id}/extensions/{request}/{decision}", STAFF),
            // payments on the gateway's page and receipts; the sandbox page (its token is the secret)
            get("/api/allocations/{id}/instalments", PARTIES),
            post("/api/allocations/{id}/instalments/{number}/payment", HOLDER),
            post("/api/allocations/{id}/idle-charges/{charge}/payment", HOLDER),
            get("/api/payments/{token}", PARTIES),
            get("/api/instalments/overdue", STAFF),
            get("/api/sandbox/{token}", PUBLIC),
            post("/api/sandbox/{token}/{action}", PUBLIC),
            // offers and allocation rounds (an officer acts on offers of their estates; drafts are seen by staff only)
            get("/api/offers", PUBLIC),
            post("/api/offers", STAFF),
            get("/api/offers/{id}", PUBLIC),
            post("/api/offers/{id}/publish", STAFF),
            post("/api/offers/{id}/close", STAFF),
            post("/api/offers/{id}/applications", HOLDER),
            get("/api/offers/{id}/applications", PARTIES),
            get("/api/offers/{id}/result", PUBLIC),
            get("/api/offers/{id}/result/document", PUBLIC),
            get("/api/offers/{id}/objections", PUBLIC),
            post("/api/offers/{id}/objections", HOLDER),
            post("/api/offers/{id}/objections/{objection}/answer", STAFF),
            // a closed round's award deposit holds (public, like its result); the winner pays their own award
            get("/api/offers/{id}/awards", PUBLIC),
            post("/api/offers/{id}/award/pay", HOLDER),
            // planning
            get("/api/availability", PLANNING),
            get("/api/stats", PLANNING),
            get("/api/stats/what-if", PLANNING),
            // waitlist and demand
            post("/api/demand", HOLDER),
            get("/api/demand", HOLDER),
            post("/api/demand/{id}/withdraw", HOLDER),
            get("/api/stats/demand", PLANNING),
            // idle land
            post("/api/utility-readings", STAFF),
            post("/api/idle-scan", STAFF),
            get("/api/idle-cases", STAFF),
            post("/api/idle-cases/{id}/reply", HOLDER),
            post("/api/idle-cases/{id}/plan-items/{item}/met", STAFF),
            post("/api/idle-cases/{id}/fee", STAFF),
            // the public idle register and the revival headquarters' statistics (g-register)
            get("/api/idle-register", PUBLIC),
            get("/api/idle-register/download", PUBLIC),
            get("/api/revival-stats", PLANNING),
            post("/api/revival-targets", ADMIN_ONLY),
            post("/api/idle-cases/{id}/{action}", STAFF),
            // revival before reclaim: advisers (officers an admin marks) diagnose, the working group decides
            get("/api/revival/vocabularies", STAFF),
            post("/api/advisers/{id}", ADMIN_ONLY),
            post("/api/idle-cases/{id}/diagnoses", ESTATE_OFFICER),
            get("/api/working-group/sessions", STAFF),
            post("/api/working-group/sessions", STAFF),
            post("/api/working-group/sessions/{id}/agenda/{case}/decision", STAFF),
            get("/api/allocations/{id}/revival", PARTIES),
            // inbox
            get("/api/inbox", SIGNED_IN),
            post("/api/inbox/{id}/read", SIGNED_IN),
            post("/api/inbox/language", SIGNED_IN),
            // protocol adapters
            get("/ogc", PUBLIC),
            get("/ogc/api", PUBLIC),
            get("/ogc/conformance", PUBLIC),
            get("/ogc/collections", PUBLIC),
            get("/ogc/collections/{collectionId}", PUBLIC),
            get("/ogc/collections/{collectionId}/items", PUBLIC),
            get("/ogc/collections/{collectionId}/items/{featureId}", PUBLIC),
            get("/ogc/collections/{collectionId}/queryables", PUBLIC),
            get("/tiles/{layer}/{z}/{x}/{y}", PUBLIC),
            get("/tiles/{layer}.json", PUBLIC));

    private final Auth auth;

    public RouteAccess(Auth auth) {
        this.auth = auth;
    }

    /** The path patterns of the public GET routes: the ones other sites may read (CORS). */
    public static java.util.List<String> publicReads() {
        return TABLE.entrySet().stream().filter(e -> e.getKey().method().equals("GET") && e.getValue().open())
                .map(e -> e.getKey().path()).toList();
    }

    /** The access declared for a route, if it is in the table. */
    public static Optional<Access> find(String method, String path) {
        return Optional.ofNullable(TABLE.get(new Route(method, path)));
    }

    /**
     * Runs before the matched route's handler: admits the caller its declaration allows (a cookie session's write
     * must also carry its CSRF token), and refuses everyone on a route the table does not declare. The page's static
     * files and WebJars match no route (no endpoint): they are public.
     */
    public void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) {
            return;
        }
        Access access = find(endpoint.method.name(), endpoint.path).orElseThrow(() -> new Forbidden("route_undeclared",
                "this route has no entry in the access table"));
        if (!access.open()) {
            access.admit(auth.find(ctx));
        }
    }

    private static Map.Entry<Route, Access> get(String path, Access access) {
        return Map.entry(new Route("GET", path), access);
    }

    private static Map.Entry<Route, Access> post(String path, Access access) {
        return Map.entry(new Route("POST", path), access);
    }

    private static Map.Entry<Route, Access> delete(String path, Access access) {
        return Map.entry(new Route("DELETE", path), access);
    }

    @SafeVarargs
    private static Map<Route, Access> table(Map.Entry<Route, Access>... entries) {
        Map<Route, Access> table = new LinkedHashMap<>();
        for (var e : entries) {
            if (table.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException("declared twice: " + e.getKey());
            }
        }
        return java.util.Collections.unmodifiableMap(table);
    }
}

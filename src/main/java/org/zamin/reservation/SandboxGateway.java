package org.zamin.reservation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/**
 * Accepts every payment without moving money, and marks every receipt as sandbox. Its payment page
 * ({@code #/sandbox/{token}}) says it is a sandbox and lets the payer confirm or cancel; its sessions are kept in
 * table {@code sandbox_payment}, so any server answers for them.
 */
public final class SandboxGateway implements PaymentGateway {

    private static final String INSERT = SqlResource.load("reservation/sandbox_insert");
    private static final String FIND = SqlResource.load("reservation/sandbox_find");
    private static final String DECIDE = SqlResource.load("reservation/sandbox_decide");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Jdbi jdbi;

    /** A gateway that only charges at once ({@link #charge}); it opens no sessions. */
    public SandboxGateway(Clock clock) {
        this(clock, null);
    }

    /** A gateway that charges at once and takes payments on its own page, its sessions in {@code jdbi}'s database. */
    public SandboxGateway(Clock clock, Jdbi jdbi) {
        this.clock = clock;
        this.jdbi = jdbi;
    }

    @Override
    public Receipt charge(String purpose, long amount) {
        return new Receipt("sandbox", "SANDBOX-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8),
                amount, true, clock.instant());
    }

    @Override
    public Session open(String purpose, long amount, String returnUrl) {
        if (amount <= 0 || returnUrl == null || !returnUrl.startsWith("/")) {
            throw new IllegalArgumentException("a session needs a positive amount and a return path on this site");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions().useHandle(h -> h.createUpdate(INSERT).bind("token", token).bind("purpose", purpose)
                .bind("amount", amount).bind("returnUrl", returnUrl).bind("at", OffsetDateTime.now(clock)).execute());
        return new Session(token, "/#/sandbox/" + token);
    }

    @Override
    public Status status(String token) {
        return page(token).map(p -> new Status(p.state(), p.state() == State.CONFIRMED
                ? Optional.of(new Receipt("sandbox", p.reference(), p.amount(), true, p.decidedAt()))
                : Optional.empty())).orElseThrow(() -> new IllegalArgumentException("no sandbox session " + token));
    }

    /** What the sandbox page shows: what is paid, how much, where the payer goes back, and its state. */
    public record Page(String token, String purpose, long amount, String returnUrl, State state, String reference,
            java.time.Instant decidedAt) {}

    /** The session {@code token}, if the sandbox has it. */
    public Optional<Page> page(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
            return Optional.empty();
        }
        return sessions().withHandle(h -> h.createQuery(FIND).bind("token", token)
                .map((rs, ctx) -> new Page(rs.getString("token"), rs.getString("purpose"), rs.getLong("amount"),
                        rs.getString("return_url"), State.valueOf(rs.getString("state")), rs.getString("reference"),
                        rs.getObject("decided_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("decided_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    /**
     * The payer confirms ({@code confirm}) or cancels on the sandbox page; only an OPEN session changes. Returns the
     * session as it is afterwards (empty when the sandbox has no such session).
     */
    public Optional<Page> decide(String token, boolean confirm) {
        if (page(token).isEmpty()) {
            return Optional.empty();
        }
        sessions().useHandle(h -> h.createUpdate(DECIDE).bind("token", token)
                .bind("state", confirm ? State.CONFIRMED.name() : State.CANCELLED.name())
                .bind("reference", confirm ? "SANDBOX-" + token.substring(0, 12) : null)
                .bind("at", OffsetDateTime.now(clock)).execute());
        return page(token);
    }

    private Jdbi sessions() {
        if (jdbi == null) {
            throw new UnsupportedOperationException("this sandbox gateway was made without a database");
        }
        return jdbi;
    }
}

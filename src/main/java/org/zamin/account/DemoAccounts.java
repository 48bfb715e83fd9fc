package org.zamin.account;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account per role for trying the service, created only in demo mode ({@code ZAMIN_DEMO}) and only when
 * missing. Their password is public (README), so they must never exist on a real deployment.
 */
public final class DemoAccounts {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);
    public static final String PASSWORD = "zamin-demo-2025";

    /** A demo login; an officer manages the estates whose codes match {@code estateCodes} (SQL LIKE). */
    public record Account(String email, String name, Role role, String estateCodes) {}

    public static final List<Account> ACCOUNTS = List.of(
            new Account("investor@demo.zamin.ir", "Demo Investor", Role.INVESTOR, null),
            new Account("investor2@demo.zamin.ir", "Second Demo Investor", Role.INVESTOR, null),
            new Account("officer@demo.zamin.ir", "Demo Officer (Gilan estates)", Role.OFFICER, "GIL-%"),
            new Account("officer.qazvin@demo.zamin.ir", "Demo Officer (Qazvin estates)", Role.OFFICER, "QZV-%"),
            new Account("planner@demo.zamin.ir", "Demo Planner", Role.PLANNER, null),
            new Account("admin@demo.zamin.ir", "Demo Admin", Role.ADMIN, null));

    private DemoAccounts() {}

    /** Creates the missing demo accounts; each demo officer manages every sample estate of their province. */
    public static void ensure(AccountService accounts) {
        int created = 0;
        for (Account a : ACCOUNTS) {
            if (accounts.exists(a.email())) {
                continue;
            }
            accounts.createUser(a.email(), a.name(), "Zamin demo", PASSWORD, a.role(),
                    a.estateCodes() == null ? List.of() : accounts.repository().estatesLike(a.estateCodes()));
            created++;
        }
        if (created > 0) {
            log.info("demo mode: created {} demo accounts (password in the README)", created);
        }
    }
}

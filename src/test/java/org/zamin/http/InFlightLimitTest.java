package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The in-flight cap's counting: per client, up to its cap, and every client forgotten once it has none left. */
class InFlightLimitTest {

    private final InFlightLimit limit = new InFlightLimit(ctx -> InFlightLimit.Client.address("unused"));

    @Test
    void anAccountHasAtMostItsCapInFlightAndOthersAreNotAffected() {
        var account = InFlightLimit.Client.account(7);
        for (int i = 0; i < InFlightLimit.PER_ACCOUNT; i++) {
            assertTrue(limit.tryEnter(account), "request " + (i + 1));
        }
        assertFalse(limit.tryEnter(account), "one over the cap");
        assertTrue(limit.tryEnter(InFlightLimit.Client.account(8)), "another account is not affected");
        assertTrue(limit.tryEnter(InFlightLimit.Client.address("10.0.0.1")), "nor an address");

        limit.exit(account.key());
        assertTrue(limit.tryEnter(account), "a finished request makes room for one more");
    }

    @Test
    void addressesShareALargerCapAndAreForgottenWhenIdle() {
        var office = InFlightLimit.Client.address("192.0.2.10");
        for (int i = 0; i < InFlightLimit.PER_ADDRESS; i++) {
            assertTrue(limit.tryEnter(office));
        }
        assertFalse(limit.tryEnter(office));
        for (int i = 0; i < InFlightLimit.PER_ADDRESS; i++) {
            limit.exit(office.key());
        }
        assertEquals(0, limit.inFlight(office.key()));
        limit.exit(office.key());
        assertEquals(0, limit.inFlight(office.key()), "never below zero");
    }
}

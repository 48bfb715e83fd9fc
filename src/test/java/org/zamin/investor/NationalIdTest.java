package org.zamin.investor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zamin.db.Transactions;
import org.zamin.domain.Invalid;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Identity numbers: the national ID's and the company national ID's check digits, in Java and in the database
 * (iran_id_valid, R__investor_identity.sql, and the CHECK on users.national_id), which must agree on every number.
 */
class NationalIdTest {

    @Test
    void nationalIdsAreCheckedByTheirCheckDigit() {
        assertEquals(Optional.of("0499370899"), NationalId.parse("0499370899"));
        assertEquals(Optional.of("0012345679"), NationalId.parse(" 0012345679 "));
        assertEquals(Optional.of("0012345679"), NationalId.parse("۰۰۱۲۳۴۵۶۷۹"), "Persian digits");
        assertEquals(Optional.of("0012345679"), NationalId.parse("٠٠١٢٣٤٥٦٧٩"), "Arabic-Indic digits");
        assertEquals(Optional.empty(), NationalId.parse("0012345678"), "wrong check digit");
        assertEquals(Optional.empty(), NationalId.parse("1111111111"), "all one digit passes the sum but is refused");
        assertEquals(Optional.empty(), NationalId.parse("0000000000"));
        assertEquals(Optional.empty(), NationalId.parse("001234567"), "nine digits");
        assertEquals(Optional.empty(), NationalId.parse("00123-5679"));
        assertEquals(Optional.empty(), NationalId.parse(null));
        assertEquals(NationalId.Kind.PERSON, NationalId.kindOf("0012345679"));
    }

    @Test
    void companyIdsAreCheckedByTheirCheckDigit() {
        assertEquals(Optional.of("10101234565"), NationalId.parse("10101234565"));
        assertEquals(Optional.empty(), NationalId.parse("10101234560"), "wrong check digit");
        assertEquals(Optional.empty(), NationalId.parse("10100000007"), "digits 4 to 9 all zero");
        assertEquals(NationalId.Kind.COMPANY, NationalId.kindOf("10101234565"));
        var e = assertThrows(Invalid.class, () -> NationalId.normalise("10101234560"));
        assertEquals("invalid_national_id", e.code());
    }

    @Test
    void javaAndTheDatabaseAgreeOnEveryNumber() {
        Random random = new Random(12);
        List<String> samples = new ArrayList<>(List.of("0499370899", "1111111111", "10101234565", "10100000007",
                "۰۰۱۲۳۴۵۶۷۹", "0000000000", "00000000000"));
        for (int i = 0; i < 3000; i++) {
            int length = random.nextBoolean() ? 10 : 11;
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < length; j++) {
                b.append((char) ('0' + random.nextInt(10)));
            }
            samples.add(b.toString());
        }
        List<String> disagree = new ArrayList<>();
        TestServer.get().jdbi().useHandle(h -> {
            for (String s : samples) {
                boolean db = h.createQuery("SELECT iran_id_valid(:s)").bind("s", s).mapTo(Boolean.class).one();
                if (db != NationalId.parse(s).isPresent()) {
                    disagree.add(s + ": Java " + NationalId.parse(s).isPresent() + ", database " + db);
                }
            }
        });
        assertEquals(List.of(), disagree);
        assertTrue(samples.stream().filter(s -> NationalId.parse(s).isPresent()).count() > 100,
                "about one random number in eleven is valid, so both answers were compared");
    }

    @Test
    void theDatabaseStoresOnlyValidNumbersInAsciiDigits() {
        var investor = TestUsers.investor();
        for (String bad : List.of("0012345678", "1111111111", "۰۰۱۲۳۴۵۶۷۹", "10101234560")) {
            var e = assertThrows(RuntimeException.class, () -> TestServer.get().ownerJdbi().useHandle(h -> h
                    .createUpdate("UPDATE users SET national_id = :n WHERE id = :id").bind("n", bad)
                    .bind("id", investor.id()).execute()));
            assertEquals("users_national_id_valid", Transactions.constraint(e), bad);
        }
        String stored = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT national_id FROM users WHERE id = :id").bind("id", investor.id()).mapTo(String.class).one());
        assertFalse(stored.isEmpty());
        assertTrue(NationalId.parse(stored).isPresent(), "the test investor's number was left as it was");
    }
}

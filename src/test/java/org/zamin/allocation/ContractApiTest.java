package org.zamin.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The contract's writes and what each refusal answers: reports with files, inspections, milestones, extension
 * decisions, and the inbox notice a decision leaves — statuses and codes the page relies on.
 */
class ContractApiTest {

    private static final String AUTH = "Authorization";
    private static final byte[] PDF = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n".getBytes(StandardCharsets.ISO_8859_1);

    private record Setup(TestEstates.Estate estate, TestUsers.User officer, TestUsers.User investor, long allocation) {}

    private static Setup setup() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        long parcel = estate.addParcel(TestServer.get().ownerJdbi(), "P1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        long allocation = TestAllocations.create(estate, investor.id(), List.of(parcel), today().minusMonths(2), false);
        return new Setup(estate, officer, investor, allocation);
    }

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    private static String path(Setup s, String rest) {
        return "/api/allocations/" + s.allocation() + rest;
    }

    @Test
    void reportsTakeAPercentAndOnlyPdfOrImageFilesThatAreNotEmpty() {
        var s = setup();
        var ok = Http.post(path(s, "/reports"), Map.of("percent", 30, "text", "walls up"), AUTH, s.investor().bearer());
        assertEquals(201, ok.status(), ok.body());
        Http.assertError(Http.post(path(s, "/reports"), Map.of("percent", 120, "text", ""), AUTH,
                s.investor().bearer()), 422, "invalid_percent", "between 0 and 100");
        Http.assertError(Http.post(path(s, "/reports"), Map.of("percent", 10, "text", ""), AUTH,
                TestUsers.investor().bearer()), 404, "not_found", "allocation");
        Http.assertError(multipart(s, s.investor(), "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_file_type", "notes.txt");
        Http.assertError(multipart(s, s.investor(), "renamed.pdf", "application/pdf",
                "MZ not a pdf".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_file_type", "renamed.pdf");
        Http.assertError(multipart(s, s.investor(), "empty.pdf", "application/pdf", new byte[0]), 422, "empty_file",
                "empty.pdf");
        var withFile = multipart(s, s.investor(), "site.pdf", "application/pdf", PDF);
        assertEquals(201, withFile.status(), withFile.body());

        JsonNode reports = contract(s, s.investor()).get("reports");
        assertEquals(2, reports.size(), reports.toString());
        assertEquals(1, reports.get(0).get("attachments").asInt() + reports.get(1).get("attachments").asInt());
    }

    @Test
    void inspectionsAndMilestonesAreForOfficersOfTheEstate() {
        var s = setup();
        var ok = Http.post(path(s, "/inspections"), Map.of("finding", "PARTLY_ACTIVE", "notes", "half the hall"), AUTH,
                s.officer().bearer());
        assertEquals(201, ok.status(), ok.body());
        Http.assertError(Http.post(path(s, "/inspections"), Map.of("finding", "BUSY"), AUTH, s.officer().bearer()),
                422, "invalid_finding", "finding");
        var stranger = TestUsers.officer(TestEstates.create(TestServer.get().ownerJdbi()).code());
        Http.assertError(Http.post(path(s, "/inspections"), Map.of("finding", "ACTIVE"), AUTH, stranger.bearer()),
                403, "forbidden", "not in an estate you manage");
        Http.assertError(Http.get("/api/allocations/" + s.allocation(), AUTH, stranger.bearer()), 403, "forbidden",
                "estate you do not manage");
        assertEquals("PARTLY_ACTIVE", contract(s, s.officer()).get("inspections").get(0).get("finding").asText());

        var m = Map.of("kind", "CONSTRUCTION_START", "achievedOn", today().toString());
        assertEquals(201, Http.post(path(s, "/milestones"), m, AUTH, s.officer().bearer()).status());
        Http.assertError(Http.post(path(s, "/milestones"), m, AUTH, s.officer().bearer()), 409,
                "milestone_already_recorded", "CONSTRUCTION_START");
        Http.assertError(Http.post(path(s, "/milestones"), Map.of("kind", "OPERATING_LICENCE",
                "achievedOn", today().plusDays(1).toString()), AUTH, s.officer().bearer()), 422, "date_in_future", "");
    }

    @Test
    void aRefusedExtensionIsDecidedOnceAndTheHolderFindsItInTheInbox() {
        var s = setup();
        Http.assertError(Http.post(path(s, "/extensions"), Map.of("months", 3, "reason", " "), AUTH,
                s.investor().bearer()), 422, "reason_required", "");
        var req = Http.post(path(s, "/extensions"), Map.of("months", 3, "reason", "late permit"), AUTH,
                s.investor().bearer());
        assertEquals(201, req.status(), req.body());
        long id = req.json().get("id").asLong();
        Http.assertError(Http.post(path(s, "/extensions"), Map.of("months", 2, "reason", "again"), AUTH,
                s.investor().bearer()), 409, "extension_pending", "");
        var refuse = Http.post(path(s, "/extensions/" + id + "/refuse"), Map.of("reason", "no evidence"), AUTH,
                s.officer().bearer());
        assertEquals(200, refuse.status(), refuse.body());
        assertEquals("REFUSED", refuse.json().get("status").asText());
        Http.assertError(Http.post(path(s, "/extensions/" + id + "/grant"), Map.of("reason", "changed mind"), AUTH,
                s.officer().bearer()), 409, "illegal_transition", "already REFUSED");
        Http.assertError(Http.post(path(s, "/extensions/" + (id + 100_000) + "/grant"), Map.of(), AUTH,
                s.officer().bearer()), 404, "not_found", "extension request");
        assertEquals("REFUSED", contract(s, s.investor()).get("extensions").get(0).get("status").asText());

        JsonNode inbox = Http.get("/api/inbox", AUTH, s.investor().bearer()).json();
        JsonNode notice = inbox.get("notifications").get(0);
        assertEquals("extension_refused", notice.get("kind").asText());
        assertEquals(1, inbox.get("unread").asInt());
        long noticeId = notice.get("id").asLong();
        Http.assertError(Http.post("/api/inbox/" + noticeId + "/read", null, AUTH, s.officer().bearer()), 404,
                "not_found", "notification");
        assertEquals(200, Http.post("/api/inbox/" + noticeId + "/read", null, AUTH, s.investor().bearer()).status());
        assertEquals(0, Http.get("/api/inbox", AUTH, s.investor().bearer()).json().get("unread").asInt());
    }

    private static JsonNode contract(Setup s, TestUsers.User user) {
        var r = Http.get(path(s, "/contract"), AUTH, user.bearer());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** A report of 20 % with one file, as the page's form sends it. */
    private static Http.Response multipart(Setup s, TestUsers.User user, String fileName, String type, byte[] data) {
        String boundary = "zamin-test-boundary";
        var body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"percent\"\r\n\r\n20\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nprogress\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Http.send(HttpRequest.newBuilder(Http.uri(path(s, "/reports")))
                .header(AUTH, user.bearer())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }
}

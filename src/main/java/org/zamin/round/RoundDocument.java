package org.zamin.round;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * A round's published document: {@code {"format": "zamin-round/1", "inputs": …, "result": …, "policies": […]}} in
 * RFC 8785 canonical
 * JSON (keys sorted, no spaces, UTF-8), so that its SHA-256, logged at close, identifies it byte for byte. A later
 * version, published by an upheld objection's outcome, also has {@code "amendment"}: its version number, the objection
 * and the SHA-256 of the version it replaces. {@code "policies"} are the category policies the offer published (what
 * share of the land price each category pays and on which plan; V762), which price the awards; documents of rounds
 * closed before policies were published have none.
 */
public record RoundDocument(@JsonInclude(JsonInclude.Include.NON_NULL) Amendment amendment, String format,
        RoundInputs inputs, RoundResult result, @JsonInclude(JsonInclude.Include.NON_NULL) List<Policy> policies) {

    /**
     * A category policy as an offer published it: who it is for (an activity's ISIC prefix, null for any;
     * knowledge-based firms only or not), matched lowest {@code priority} first; the share of the land's list price
     * charged and the payment plan (basis points, months, counts); whether its firms are exempt from auctions.
     */
    public record Policy(String code, int priority, String isicPrefix, boolean knowledgeBased, int priceShareBp,
            int cashShareBp, int graceMonths, int instalmentCount, int intervalMonths, int forgivenBp,
            boolean auctionExempt) {}

    /** What makes a document a later version: the upheld objection and the version it replaces (hex SHA-256). */
    public record Amendment(int version, long objectionId, String previousSha256) {}

    /** The document format this service writes and verifies. */
    public static final String FORMAT = "zamin-round/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /**
     * Writes keys in sorted order (UTF-16 code units, as RFC 8785), so that a document whose strings need no escape
     * is canonical as written: every number in it is a whole number, which both write alike.
     */
    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The document of a round's inputs and the result the allocation made of them (no policies). */
    public static RoundDocument of(RoundInputs inputs, RoundResult result) {
        return of(inputs, result, null);
    }

    /** The document of a round's inputs, the result the allocation made of them and the policies the offer published. */
    public static RoundDocument of(RoundInputs inputs, RoundResult result, List<Policy> policies) {
        return new RoundDocument(null, FORMAT, inputs, result, policies);
    }

    /**
     * The next version of a document: these inputs and their result, published by an upheld objection, with the
     * policies of the version it replaces.
     */
    public static RoundDocument amended(Amendment amendment, RoundInputs inputs, RoundResult result,
            List<Policy> policies) {
        return new RoundDocument(amendment, FORMAT, inputs, result, policies);
    }

    /**
     * The canonical text: what is stored, served and hashed. Written with sorted keys; only a text with an escaped
     * character (where the two writers' escapes may differ) goes through the RFC 8785 canonicalizer, which takes most
     * of a large round's close otherwise (7 s of 100,000 applications).
     */
    public String canonical() {
        try {
            String sorted = SORTED.writeValueAsString(this);
            return sorted.indexOf('\\') < 0 ? sorted : canonicalize(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any JSON text in RFC 8785 canonical form; refuses what is not JSON. */
    public static String canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a text's UTF-8 bytes, in lower-case hexadecimal. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(RoundAllocation.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads a document; refuses JSON that is not one (unknown or missing fields included). */
    public static RoundDocument parse(String json) {
        try {
            var tree = JSON.readTree(json);
            if (tree instanceof ObjectNode object) {
                for (String optional : new String[] {"amendment", "policies"}) {
                    if (!object.has(optional)) {
                        object.putNull(optional);
                    }
                }
            }
            return JSON.treeToValue(tree, RoundDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a round document: " + e.getOriginalMessage(), e);
        }
    }
}

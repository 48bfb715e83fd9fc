package org.zamin.decision;

import java.time.Instant;

/**
 * A signed head of the decision log's chain: the last sealed entry's chain position, seq and hash, when it was
 * signed, the signing key's id and the Ed25519 signature (base64) of {@link #message()}.
 */
public record Checkpoint(long chainPos, long seq, String hash, Instant signedAt, String keyId, String signature) {

    /** What the first line of every signed message says, so a signature cannot be taken for another purpose. */
    public static final String MESSAGE_PREFIX = "zamin decision-log checkpoint v1";

    /**
     * The exact text that is signed (UTF-8): the prefix, then {@code chainPos}, {@code seq}, {@code hash} (lower-case
     * hex) and {@code signedAt} (ISO-8601 UTC as in the JSON), one per line, each line ending in a newline.
     */
    public String message() {
        return MESSAGE_PREFIX + "\n" + chainPos + "\n" + seq + "\n" + hash + "\n" + signedAt + "\n";
    }
}

package org.zamin.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of a keyset-paged list: the key of the last item of the page before, tagged with the
 * list it belongs to. Clients pass it back unchanged; anything this server did not issue is a 400.
 */
public final class PageCursor {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageCursor() {}

    /** The cursor that continues the list {@code scope} after the item keyed {@code key}. */
    public static String after(String scope, String key) {
        return ENCODER.encodeToString((scope + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key in the request's {@code cursor} parameter for the list {@code scope}, if there is one. */
    public static Optional<String> key(String parameterValue, String scope) {
        if (parameterValue == null) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(DECODER.decode(parameterValue), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!text.startsWith(scope + ":") || text.length() == scope.length() + 1) {
            throw invalid();
        }
        return Optional.of(text.substring(scope.length() + 1));
    }

    /** The key of a list keyed by positive whole numbers (plot ids). */
    public static Optional<Long> idKey(String parameterValue, String scope) {
        return key(parameterValue, scope).map(k -> {
            try {
                long id = Long.parseLong(k);
                if (id < 0) {
                    throw invalid();
                }
                return id;
            } catch (NumberFormatException e) {
                throw invalid();
            }
        });
    }

    private static ApiException invalid() {
        return ApiException.invalidParameter("cursor", "is not a cursor this server issued for this list;"
                + " pass the one in the previous page's next link unchanged");
    }
}

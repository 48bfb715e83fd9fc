package org.zamin.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads a JSON request body into a record; anything that is not such JSON is a 400 {@code bad_request}. */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private JsonBody() {}

    public static <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("bad_request", "a JSON body is required");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("bad_request", "a JSON object is required");
            }
            return value;
        } catch (IOException e) {
            throw ApiException.badRequest("bad_request", "the body is not the expected JSON object");
        }
    }

    /** The body as {@code type}, or {@code empty} when the request has no body. */
    public static <T> T readOr(Context ctx, Class<T> type, T empty) {
        return ctx.bodyAsBytes().length == 0 ? empty : read(ctx, type);
    }
}

package org.zamin.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Reads a JSON request body into a record; anything that is not such JSON is a 400 {@code bad_request}. */
public final class JsonBody {

    // A fraction is never silently cut to a whole number ("jobs": 1.5 is refused, not read as 1).
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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
        } catch (MismatchedInputException e) {
            throw wrongType(lastField(e), e.getTargetType());
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException tooBig) {
                throw wrongType(lastField(e), tooBig.getTargetType());
            }
            throw notTheExpectedObject();
        } catch (InputCoercionException e) {
            throw wrongType(fieldOf(e), e.getTargetType());
        } catch (IOException e) {
            throw notTheExpectedObject();
        }
    }

    private static ApiException notTheExpectedObject() {
        return ApiException.badRequest("bad_request", "the body is not the expected JSON object");
    }

    /**
     * Well-formed JSON whose field has the wrong kind of value (a fraction or a string where a whole number belongs, a
     * number out of range): 422 {@code invalid_<field>} naming the field; 400 when no field can be named.
     */
    private static ApiException wrongType(String field, Class<?> target) {
        if (field == null || !field.matches("[a-zA-Z][a-zA-Z0-9]{0,40}")) {
            return notTheExpectedObject();
        }
        String expected = target == null ? "another kind of value"
                : WHOLE_NUMBERS.contains(target) ? "a whole number in range"
                : target == String.class ? "text"
                : target == Boolean.class || target == boolean.class ? "true or false"
                : "another kind of value";
        return ApiException.unprocessable("invalid_" + snakeCase(field), field + " must be " + expected);
    }

    private static String lastField(JsonMappingException e) {
        return e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(Objects::nonNull).reduce((first, second) -> second).orElse(null);
    }

    /** The field whose number did not fit (the parser stands on it when it refuses). */
    private static String fieldOf(InputCoercionException e) {
        try {
            JsonParser parser = e.getProcessor();
            return parser == null ? null : parser.currentName();
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class);

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The body as {@code type}, or {@code empty} when the request has no body. */
    public static <T> T readOr(Context ctx, Class<T> type, T empty) {
        return ctx.bodyAsBytes().length == 0 ? empty : read(ctx, type);
    }
}

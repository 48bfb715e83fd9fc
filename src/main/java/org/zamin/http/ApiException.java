package org.zamin.http;

/**
 * A failure the client should see: an HTTP status, a stable machine-readable code the page translates,
 * and a message in plain English. Features throw these; {@link ErrorMapper} turns them into JSON.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 400: the request is malformed (a parameter that does not parse, JSON that is not JSON). */
    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** 400 with code {@code invalid_parameter}, naming the parameter. */
    public static ApiException invalidParameter(String name, String problem) {
        return new ApiException(400, "invalid_parameter", "parameter '" + name + "' " + problem);
    }

    /** 404: there is no such thing, or it is not yours to see. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    /** 409: the request conflicts with the current state (plot taken, illegal transition). */
    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    /** 422: well-formed, but the content is invalid (bad geometry, unknown estate). */
    public static ApiException unprocessable(String code, String message) {
        return new ApiException(422, code, message);
    }
}

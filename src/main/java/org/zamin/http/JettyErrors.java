package org.zamin.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes itself — for a request it could not parse (a URI or header fields over its limits, a
 * broken request line, an unknown HTTP version) or one that failed before Javalin saw it — as the same
 * {@code {"code", "message"}} JSON as every other error ({@link ErrorMapper#protocolError}), with the security headers,
 * instead of Jetty's HTML page. Installed on the server and on the servlet context.
 */
public final class JettyErrors extends ErrorHandler {

    private final SecurityHeaders headers;

    public JettyErrors(SecurityHeaders headers) {
        this.headers = headers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = statusOf(request, response);
        response.setStatus(status);
        headers.addTo(response.getHeaders(), SecurityHeaders.isSecure(request));
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        int headerLimit = request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
        byte[] body = ErrorMapper.protocolError(status, headerLimit).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The status Jetty decided on: the failure's own code when it carries one, else the response's. */
    private static int statusOf(Request request, Response response) {
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException failure) {
            return failure.getCode();
        }
        int status = response.getStatus();
        return status >= 400 ? status : HttpStatus.INTERNAL_SERVER_ERROR_500;
    }
}

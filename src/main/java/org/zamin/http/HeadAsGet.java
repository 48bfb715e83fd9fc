package org.zamin.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * HEAD answered as GET without the body (RFC 9110, 9.3.2), on every route of the service: the request goes through
 * the same route, access check and handler as a GET, so the status and every header are the same (a 404 stays a
 * 404, a tile keeps its type and ETag); the body the handler writes is counted, not sent, and its length becomes
 * the {@code Content-Length} unless the handler set one. Javalin on its own answers any HEAD with an empty 200
 * whenever a GET route matches the path, before the handler runs.
 */
public final class HeadAsGet implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !"HEAD".equals(http.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse real = (HttpServletResponse) response;
        BodyCounter body = new BodyCounter(real);
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public String getMethod() {
                return "GET";
            }
        }, body);
        body.finish();
    }

    /** A response whose body is counted and dropped; headers and status go to the real response. */
    private static final class BodyCounter extends HttpServletResponseWrapper {

        private final HttpServletResponse real;
        private long count;
        private PrintWriter writer;
        private final ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                count++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count += len;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                try {
                    listener.onWritePossible();
                } catch (IOException e) {
                    listener.onError(e);
                }
            }
        };

        BodyCounter(HttpServletResponse real) {
            super(real);
            this.real = real;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String charset = real.getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(stream,
                        charset == null ? StandardCharsets.ISO_8859_1 : java.nio.charset.Charset.forName(charset)));
            }
            return writer;
        }

        /** Nothing is flushed early: the length is only known at the end. */
        @Override
        public void flushBuffer() {
        }

        @Override
        public void resetBuffer() {
            count = 0;
        }

        @Override
        public void reset() {
            super.reset();
            count = 0;
        }

        void finish() {
            if (writer != null) {
                writer.flush();
            }
            int status = real.getStatus();
            if (!real.isCommitted() && real.getHeader("Content-Length") == null && status != 204 && status != 304
                    && real.getHeader("Transfer-Encoding") == null) {
                real.setContentLengthLong(count);
            }
        }
    }
}

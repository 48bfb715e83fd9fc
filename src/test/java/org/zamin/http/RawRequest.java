package org.zamin.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * A request written by hand on a real socket, for what an HTTP client library will not do: declare a length and send
 * less, or trickle a body a byte at a time. Non-blocking after the headers, so a test can keep a thousand of them open
 * from one thread; {@link #answer()} is whatever the server has sent back so far.
 */
final class RawRequest implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private boolean closed;

    private RawRequest(SocketChannel channel) {
        this.channel = channel;
    }

    /** Opens a connection and sends a POST's headers, declaring {@code contentLength}, and the body's first bytes. */
    static RawRequest post(String path, TestUsers.User user, String contentType, String headers, long contentLength,
            String bodyStart) throws IOException {
        int port = java.net.URI.create(TestServer.get().baseUrl()).getPort();
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (user == null ? "" : "Authorization: " + user.bearer() + "\r\n")
                + "Content-Type: " + contentType + "\r\n" + headers
                + (contentLength >= 0 ? "Content-Length: " + contentLength + "\r\n" : "")
                + "Connection: close\r\n\r\n" + bodyStart;
        channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.UTF_8)));
        channel.configureBlocking(false);
        return new RawRequest(channel);
    }

    /** A JSON POST declaring {@code contentLength} bytes and sending only {@code bodyStart} of them. */
    static RawRequest json(String path, TestUsers.User user, long contentLength, String bodyStart) throws IOException {
        return post(path, user, "application/json", "", contentLength, bodyStart);
    }

    /** Sends more of the body, unless the server has closed the connection. */
    void send(String more) {
        if (closed) {
            return;
        }
        try {
            read();
            if (!closed) {
                channel.write(ByteBuffer.wrap(more.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            closed = true; // the server closed it (reset, broken pipe)
        }
    }

    /** Reads what has arrived without waiting; notes when the server closed the connection. */
    void read() {
        if (closed) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            int n;
            while ((n = channel.read(buffer)) > 0) {
                answer.write(buffer.array(), 0, n);
                buffer.clear();
            }
            if (n < 0) {
                closed = true;
            }
        } catch (IOException e) {
            closed = true;
        }
    }

    /** Waits up to {@code millis} for the server to answer and close the connection; returns the answer. */
    String awaitAnswer(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!closed && System.nanoTime() < end) {
            read();
            Thread.sleep(20);
        }
        read();
        return answer();
    }

    boolean closed() {
        return closed;
    }

    String answer() {
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }
}

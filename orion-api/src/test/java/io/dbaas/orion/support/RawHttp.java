package io.dbaas.orion.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 written by hand on a socket, for what {@link java.net.http.HttpClient} will not send: a
 * {@code Content-Length} with no body behind it, an endless chunked body, a raw request target. The response is read
 * while the body is still being sent, as a client would see a server's early answer.
 */
public final class RawHttp {

    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** Sends {@code head} (request line and headers, without the blank line) and no body. */
    public Exchange send(String head) {
        return exchange(head, out -> {}, new AtomicLong());
    }

    /** Sends {@code head} with {@code body} (UTF-8) and its {@code Content-Length}. */
    public Exchange send(String head, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var sent = new AtomicLong();
        return exchange(
                head + "\r\nContent-Length: " + bytes.length,
                out -> {
                    out.write(bytes);
                    sent.addAndGet(bytes.length);
                },
                sent);
    }

    /**
     * Sends {@code head}, {@code Transfer-Encoding: chunked}, {@code start} and then spaces, a chunk at a time, until
     * {@code total} bytes were sent or the server stopped taking them. JSON allows white space between tokens, so the
     * body stays a well-formed beginning of a document however far the server reads.
     */
    public Exchange sendChunked(String head, String start, long total) {
        var sent = new AtomicLong();
        return exchange(
                head + "\r\nTransfer-Encoding: chunked",
                out -> {
                    chunk(out, start.getBytes(StandardCharsets.UTF_8), sent);
                    byte[] spaces = new byte[16 * 1024];
                    Arrays.fill(spaces, (byte) ' ');
                    while (sent.get() < total) {
                        chunk(out, spaces, sent);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                },
                sent);
    }

    private static void chunk(OutputStream out, byte[] data, AtomicLong sent) throws IOException {
        out.write(Integer.toHexString(data.length).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.write(data);
        out.write(CRLF);
        sent.addAndGet(data.length);
    }

    private Exchange exchange(String head, Body body, AtomicLong sent) {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    body.writeTo(out);
                    out.flush();
                } catch (IOException refused) {
                    // The server closed the connection: it read all it meant to.
                }
            });
            byte[] response = readUntilClosed(socket.getInputStream());
            socket.close();
            writer.join(30_000);
            return new Exchange(new String(response, StandardCharsets.UTF_8), sent.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the server sent until it closed the connection, or until one whole response came back. */
    private static byte[] readUntilClosed(InputStream in) {
        var response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                response.write(buffer, 0, n);
                if (Exchange.complete(response.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (IOException reset) {
            // A reset after the response: what arrived before it stands.
        }
        return response.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What came back, and how many body bytes the server let the client send. */
    public record Exchange(String response, long bodyBytesSent) {

        public int status() {
            if (!response.startsWith("HTTP/1.1 ")) {
                throw new AssertionError("no HTTP response: '" + response + "'");
            }
            return Integer.parseInt(response.substring(9, 12));
        }

        public String head() {
            int end = response.indexOf("\r\n\r\n");
            return end < 0 ? response : response.substring(0, end);
        }

        public String body() {
            int end = response.indexOf("\r\n\r\n");
            return end < 0 ? "" : response.substring(end + 4);
        }

        /** A response with {@code Content-Length} whose body has arrived whole. */
        static boolean complete(String response) {
            int end = response.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            for (String line : response.substring(0, end).split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    int length = Integer.parseInt(line.substring(15).strip());
                    return response.getBytes(StandardCharsets.UTF_8).length - end - 4 >= length;
                }
            }
            return false;
        }
    }
}

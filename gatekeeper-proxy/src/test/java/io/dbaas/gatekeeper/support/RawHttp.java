package io.dbaas.gatekeeper.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 written by hand on a socket, for requests no well-behaved client library would send: duplicate Host
 * headers, conflicting lengths, bodies that never end.
 */
public final class RawHttp {

    private RawHttp() {}

    /** Sends {@code request} as it is and returns whatever comes back until the server closes or goes quiet. */
    public static Answer exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), 5_000);
    }

    /**
     * Sends {@code request} from a chosen loopback address such as {@code 127.0.0.7}, so that one test can play several
     * clients: Linux routes the whole of 127.0.0.0/8 to the loopback interface.
     */
    public static Answer exchangeFrom(String localAddress, int port, String request) {
        try {
            return exchange(
                    InetAddress.getByName(localAddress), port, request.getBytes(StandardCharsets.ISO_8859_1), 5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer exchange(int port, byte[] request, int quietMillis) {
        return exchange(null, port, request, quietMillis);
    }

    private static Answer exchange(@Nullable InetAddress local, int port, byte[] request, int quietMillis) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, local, 0)) {
            socket.setSoTimeout(quietMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read everything; the answer is what counts.
            }
            return readUntilClosedOrQuiet(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer readUntilClosedOrQuiet(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                received.write(buffer, 0, read);
            }
            closed = true;
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // Quiet or reset: keep what arrived.
        }
        return new Answer(received.toString(StandardCharsets.ISO_8859_1), closed);
    }

    /**
     * The raw response text, and whether the server closed the connection in good order (end of stream) rather than
     * going quiet or resetting it.
     */
    public record Answer(String text, boolean closedByServer) {

        /** The status code of the first response, or -1 when nothing came back. */
        public int status() {
            if (!text.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            return Integer.parseInt(text.substring(9, 12));
        }

        public String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return "";
        }

        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        /**
         * Every whole response in the text, in the order they came, each framed by its {@code Content-Length} as a
         * client on a persistent connection must frame them; what follows the last whole one is left out.
         */
        public List<Response> responses() {
            List<Response> responses = new ArrayList<>();
            int start = 0;
            while (true) {
                int headEnd = text.indexOf("\r\n\r\n", start);
                if (headEnd < 0) {
                    return responses;
                }
                String head = text.substring(start, headEnd);
                int bodyStart = headEnd + 4;
                int bodyEnd = bodyStart + contentLength(head);
                if (bodyEnd > text.length()) {
                    return responses;
                }
                responses.add(new Response(
                        Integer.parseInt(head.substring(9, 12)), head, text.substring(bodyStart, bodyEnd)));
                start = bodyEnd;
            }
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    return Integer.parseInt(line.substring(15).strip());
                }
            }
            throw new IllegalStateException("a response without Content-Length cannot be framed here: " + head);
        }
    }

    /** One response of several on a connection. */
    public record Response(int status, String head, String body) {

        public boolean asksToClose() {
            return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
        }
    }
}

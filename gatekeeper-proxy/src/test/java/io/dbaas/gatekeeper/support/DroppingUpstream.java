package io.dbaas.gatekeeper.support;

import io.dbaas.contracts.event.ServiceAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster node that goes away under a request: it reads the first {@code drops} requests whole and closes their
 * connections without answering, as a node that stops or fails does to the requests it holds; later requests get a
 * small JSON answer. Counts every request it read.
 */
public final class DroppingUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger drops;
    private final AtomicInteger received = new AtomicInteger();

    private DroppingUpstream(int drops) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.drops = new AtomicInteger(drops);
        Thread.ofVirtual().start(this::accept);
    }

    public static DroppingUpstream droppingFirst(int drops) {
        try {
            return new DroppingUpstream(drops);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceAddress address() {
        return new ServiceAddress("http", "127.0.0.1", server.getLocalPort());
    }

    public int received() {
        return received.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            while (true) {
                int length = 0;
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                while (!(line = in.readLine()).isEmpty()) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                for (int skipped = 0; skipped < length; skipped++) {
                    in.read();
                }
                received.incrementAndGet();
                if (drops.getAndDecrement() > 0) {
                    return;
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
                                + "{\"status\":\"ok\"}")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

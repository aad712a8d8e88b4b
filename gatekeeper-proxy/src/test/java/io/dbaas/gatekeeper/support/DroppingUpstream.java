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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A cluster node that goes away under a request: it reads the first {@code drops} requests whole and closes their
 * connections without answering, as a node that stops or fails does to the requests it holds; later requests get a
 * small JSON answer. Records the {@code Authorization} header of every request it read.
 */
public final class DroppingUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final String scheme;
    private final AtomicInteger drops;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private DroppingUpstream(ServerSocket server, String scheme, int drops) {
        this.server = server;
        this.scheme = scheme;
        this.drops = new AtomicInteger(drops);
        Thread.ofVirtual().start(this::accept);
    }

    public static DroppingUpstream droppingFirst(int drops) {
        try {
            return new DroppingUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "http", drops);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same over HTTPS, with the certificate of {@code tls}, as an Elasticsearch node answers. */
    public static DroppingUpstream httpsDroppingFirst(int drops, SSLContext tls) {
        try {
            return new DroppingUpstream(
                    tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    "https",
                    drops);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, the next {@code drops} requests are read and their connections closed without an answer. */
    public void dropNext(int drops) {
        this.drops.set(drops);
    }

    public ServiceAddress address() {
        return new ServiceAddress(scheme, "127.0.0.1", server.getLocalPort());
    }

    public int received() {
        return authorizations.size();
    }

    /** The {@code Authorization} header of every request read, in order; empty where there was none. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
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
                String authorization = "";
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                while (!(line = in.readLine()).isEmpty()) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                    if (line.regionMatches(true, 0, "Authorization:", 0, 14)) {
                        authorization = line.substring(14).strip();
                    }
                }
                for (int skipped = 0; skipped < length; skipped++) {
                    in.read();
                }
                authorizations.add(authorization);
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

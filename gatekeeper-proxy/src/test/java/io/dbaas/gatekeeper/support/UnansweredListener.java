package io.dbaas.gatekeeper.support;

import io.dbaas.contracts.event.ServiceAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening port whose accept queue is full, so that the kernel drops new connection attempts: to a client it looks
 * like a cluster behind a network that swallows packets, and connecting times out instead of being refused.
 */
public final class UnansweredListener implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> queued = new ArrayList<>();

    private UnansweredListener() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        // Connect until one attempt times out: from then on the queue is full and stays full (nothing accepts).
        for (int attempt = 0; attempt < 16; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(server.getLocalSocketAddress(), 300);
                queued.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled up; connect time-outs cannot be tested here");
    }

    public static UnansweredListener start() {
        try {
            return new UnansweredListener();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceAddress address() {
        return new ServiceAddress("http", "127.0.0.1", server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : queued) {
            socket.close();
        }
        server.close();
    }
}

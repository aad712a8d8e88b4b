package io.dbaas.testsupport.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for a Service's virtual address and kube-proxy: a TCP listener on an address of its own that sends each new
 * connection to one of the Service's ready endpoints, in turn, and leaves established connections alone when the
 * endpoints change, as connection tracking does. With no ready endpoint a connection is closed at once.
 */
public final class ServiceStandIn implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong connections = new AtomicLong();
    private volatile List<String> endpoints = List.of();

    private ServiceStandIn(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    public static ServiceStandIn start(String address, int port, int targetPort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(address), port), 200);
            ServiceStandIn service = new ServiceStandIn(listener, targetPort);
            Thread.ofVirtual().name("service-" + address).start(service::accept);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The addresses of the pods that are ready, as the endpoints controller publishes them. */
    public void endpoints(List<String> ready) {
        this.endpoints = List.copyOf(ready);
    }

    public List<String> endpoints() {
        return endpoints;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        String endpoint = pick();
        if (endpoint == null) {
            close(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(endpoint, targetPort), 2_000);
        } catch (IOException e) {
            close(client);
            close(upstream);
            return;
        }
        Thread.ofVirtual().start(() -> pump(client, upstream));
        pump(upstream, client);
    }

    private @Nullable String pick() {
        List<String> ready = endpoints;
        return ready.isEmpty() ? null : ready.get((int) (connections.getAndIncrement() % ready.size()));
    }

    /** Copies one direction until it ends, then closes both sockets, as a broken connection ends both halves. */
    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The other side went away.
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

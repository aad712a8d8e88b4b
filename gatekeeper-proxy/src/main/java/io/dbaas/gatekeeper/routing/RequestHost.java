package io.dbaas.gatekeeper.routing;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** The host a client addressed, as the directory knows hosts: from the Host header, without port. */
final class RequestHost {

    private RequestHost() {}

    /** Empty when the request names no usable host (HTTP/1.0 without Host, or an unparsable header). */
    static Optional<String> of(ServerHttpRequest request) {
        InetSocketAddress host;
        try {
            host = request.getHeaders().getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(host).map(InetSocketAddress::getHostString).filter(name -> !name.isBlank());
    }
}

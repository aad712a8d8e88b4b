package io.dbaas.gatekeeper.routing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/** The host a client addressed, as the directory knows hosts: from the Host header, without port. */
final class RequestHost {

    private RequestHost() {}

    /** Empty when the request names no usable host (HTTP/1.0 without Host, or an unparsable header). */
    static Optional<String> of(HttpHeaders headers) {
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null) {
            return Optional.empty();
        }
        String name;
        if (host.startsWith("[")) {
            // An IPv6 literal, which names no cluster but must not be cut at one of its colons.
            int end = host.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            name = host.substring(0, end + 1);
        } else {
            int port = host.indexOf(':');
            name = port < 0 ? host : host.substring(0, port);
        }
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }
}

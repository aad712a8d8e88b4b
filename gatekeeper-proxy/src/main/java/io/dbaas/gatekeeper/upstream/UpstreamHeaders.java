package io.dbaas.gatekeeper.upstream;

import io.dbaas.gatekeeper.client.ClientAddress;
import io.dbaas.gatekeeper.client.ForwardingHeaders;
import io.dbaas.gatekeeper.directory.UpstreamCredential;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The headers that cross GateKeeper, each way. Towards the cluster: the client's headers without its credentials,
 * cookies, forwarding claims and hop-by-hop headers, plus GateKeeper's own {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and the cluster's credential. Back to the client: the cluster's headers without hop-by-hop
 * ones. One pass over the headers each way, into the headers that are sent: no intermediate copy.
 */
final class UpstreamHeaders {

    /**
     * Meaningful for one connection only (RFC 9110, section 7.6.1), plus {@code Host}, which the upstream client writes
     * for the cluster's own address.
     */
    private static final AsciiString[] HOP_BY_HOP = {
        HttpHeaderNames.CONNECTION,
        HttpHeaderNames.KEEP_ALIVE,
        AsciiString.cached("proxy-connection"),
        HttpHeaderNames.PROXY_AUTHENTICATE,
        HttpHeaderNames.PROXY_AUTHORIZATION,
        HttpHeaderNames.TE,
        HttpHeaderNames.TRAILER,
        HttpHeaderNames.TRANSFER_ENCODING,
        HttpHeaderNames.UPGRADE
    };

    /** A client's credentials for GateKeeper: the cluster must see its own credential and nothing a client chose. */
    private static final AsciiString[] CLIENT_CREDENTIALS = {
        AsciiString.cached(UpstreamCredential.API_KEY), HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.COOKIE
    };

    private static final String HTTP2_EXTENSION_PREFIX = "x-http2-";

    private UpstreamHeaders() {}

    /**
     * @param upstream the request's headers as the HTTP client prepared them: its {@code Host} stays, its own
     *     {@code User-Agent} and {@code Accept} give way to the client's (a second {@code Accept} is refused by
     *     Elasticsearch)
     */
    static void towardsCluster(
            HttpHeaders client,
            HttpHeaders upstream,
            ClientAddress address,
            String scheme,
            UpstreamCredential credential) {
        upstream.remove(HttpHeaderNames.USER_AGENT).remove(HttpHeaderNames.ACCEPT);
        List<String> connectionOptions = connectionOptions(client);
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = client.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            CharSequence name = header.getKey();
            if (!isOneOf(name, HOP_BY_HOP)
                    && !AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.HOST)
                    && !isOneOf(name, CLIENT_CREDENTIALS)
                    && !ForwardingHeaders.isForwarding(name)
                    && !isHttp2Extension(name)
                    && !isNamedIn(name, connectionOptions)) {
                upstream.add(name, header.getValue());
            }
        }
        if (!address.equals(ClientAddress.UNKNOWN)) {
            upstream.set(ForwardingHeaders.X_FORWARDED_FOR, address.value());
        }
        upstream.set(ForwardingHeaders.X_FORWARDED_PROTO, scheme);
        upstream.set(credential.header(), credential.value());
    }

    static void towardsClient(HttpHeaders cluster, HttpHeaders client) {
        List<String> connectionOptions = connectionOptions(cluster);
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = cluster.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            if (!isOneOf(header.getKey(), HOP_BY_HOP) && !isNamedIn(header.getKey(), connectionOptions)) {
                client.add(header.getKey(), header.getValue());
            }
        }
    }

    /** Headers the sender named in {@code Connection}: meant for this connection only, like the hop-by-hop ones. */
    private static List<String> connectionOptions(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (String value : values) {
            for (String option : value.split(",")) {
                String name = option.strip();
                if (!name.isEmpty()) {
                    options.add(name);
                }
            }
        }
        return options;
    }

    private static boolean isNamedIn(CharSequence name, List<String> options) {
        for (String option : options) {
            if (AsciiString.contentEqualsIgnoreCase(name, option)) {
                return true;
            }
        }
        return false;
    }

    /** Netty's own notes on an HTTP/2 stream ({@code x-http2-stream-id}, …), added when it reads one as HTTP/1.1. */
    private static boolean isHttp2Extension(CharSequence name) {
        return AsciiString.regionMatches(name, true, 0, HTTP2_EXTENSION_PREFIX, 0, HTTP2_EXTENSION_PREFIX.length());
    }

    /** Header names are case-insensitive; comparing in place spares a lower-cased copy of every name. */
    private static boolean isOneOf(CharSequence name, AsciiString[] names) {
        for (AsciiString candidate : names) {
            if (AsciiString.contentEqualsIgnoreCase(name, candidate)) {
                return true;
            }
        }
        return false;
    }
}

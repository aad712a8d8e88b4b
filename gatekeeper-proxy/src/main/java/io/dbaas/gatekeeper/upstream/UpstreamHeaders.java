package io.dbaas.gatekeeper.upstream;

import io.dbaas.gatekeeper.client.ClientAddress;
import io.dbaas.gatekeeper.client.ForwardingHeaders;
import io.dbaas.gatekeeper.directory.UpstreamCredential;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
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

    private UpstreamHeaders() {}

    static void towardsCluster(
            HttpHeaders client,
            HttpHeaders upstream,
            ClientAddress address,
            String scheme,
            UpstreamCredential credential) {
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = client.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            CharSequence name = header.getKey();
            if (!isOneOf(name, HOP_BY_HOP)
                    && !AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.HOST)
                    && !isOneOf(name, CLIENT_CREDENTIALS)
                    && !ForwardingHeaders.isForwarding(name)) {
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
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = cluster.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            if (!isOneOf(header.getKey(), HOP_BY_HOP)) {
                client.add(header.getKey(), header.getValue());
            }
        }
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

package io.dbaas.gatekeeper.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resolves every name under {@code .localhost} to 127.0.0.1 in the test JVM, as RFC 6761 says resolvers should and as
 * many systems do not. HTTPS clients cannot set the {@code Host} header: they name the cluster in the URL, so that name
 * must resolve, and they check it against the certificate. Every other name goes to the JDK's own resolver.
 */
public final class LocalhostResolverProvider extends InetAddressResolverProvider {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
                    return Stream.of(InetAddress.getByAddress(host, LOOPBACK));
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "loopback for *.localhost (tests)";
    }
}

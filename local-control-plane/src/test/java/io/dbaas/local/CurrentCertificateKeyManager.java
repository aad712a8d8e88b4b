package io.dbaas.local;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Presents whatever certificate its source supplies when a handshake starts, so that a renewed certificate is served
 * from the next connection on, without a new server. A server key manager only: it never authenticates as a client.
 */
final class CurrentCertificateKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "current";

    private final Supplier<ServerCertificate> source;
    private volatile @Nullable ServerCertificate chosen;

    CurrentCertificateKeyManager(Supplier<ServerCertificate> source) {
        this.source = source;
    }

    @Override
    public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        ServerCertificate current;
        try {
            current = source.get();
        } catch (RuntimeException notIssuedYet) {
            return null;
        }
        if (!keyType.equals(current.key().getAlgorithm())) {
            return null;
        }
        chosen = current;
        return ALIAS;
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
        ServerCertificate current = chosen;
        return current == null ? null : new X509Certificate[] {current.certificate()};
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
        ServerCertificate current = chosen;
        return current == null ? null : current.key();
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
        return null;
    }

    @Override
    public @Nullable String chooseClientAlias(
            String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return null;
    }
}

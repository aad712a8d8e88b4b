package io.dbaas.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ServiceAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventAuthenticationTest {

    private static final byte[] KEY_ENCRYPTION_KEY = new byte[32];
    private static final EventAuthentication AUTHENTICATION = new EventAuthentication(KEY_ENCRYPTION_KEY);
    private static final UUID CLUSTER = UUID.randomUUID();

    private final ClusterProvisioned signed = AUTHENTICATION.sign(provisioned("qdrant.c.svc", "v1.sealed", null));

    @Test
    void aSignedEventIsAuthentic() {
        assertThat(AUTHENTICATION.isAuthentic(signed)).isTrue();
    }

    @Test
    void anEventWithoutTagIsNot() {
        assertThat(AUTHENTICATION.isAuthentic(provisioned("qdrant.c.svc", "v1.sealed", null)))
                .isFalse();
    }

    @Test
    void changingTheAddressTheSealedKeyOrTheCaCertificateBreaksTheTag() {
        String tag = signed.authenticationTag();

        assertThat(AUTHENTICATION.isAuthentic(
                        provisioned("collector.example.net", "v1.sealed", null).withAuthenticationTag(tag)))
                .isFalse();
        assertThat(AUTHENTICATION.isAuthentic(
                        provisioned("qdrant.c.svc", "v1.other", null).withAuthenticationTag(tag)))
                .isFalse();
        assertThat(AUTHENTICATION.isAuthentic(provisioned("qdrant.c.svc", "v1.sealed", "-----BEGIN CERTIFICATE-----")
                        .withAuthenticationTag(tag)))
                .isFalse();
    }

    @Test
    void aQdrantClustersCaCertificateCanBeNeitherSwappedNorDroppedNorItsSchemeLowered() {
        String clusterCa = "-----BEGIN CERTIFICATE-----\ncluster CA\n-----END CERTIFICATE-----\n";
        ClusterProvisioned overTls = AUTHENTICATION.sign(provisioned("https", "qdrant.c.svc", "v1.sealed", clusterCa));
        String tag = overTls.authenticationTag();

        assertThat(AUTHENTICATION.isAuthentic(overTls)).isTrue();
        assertThat(AUTHENTICATION.isAuthentic(provisioned(
                                "https",
                                "qdrant.c.svc",
                                "v1.sealed",
                                "-----BEGIN CERTIFICATE-----\nattacker CA\n-----END CERTIFICATE-----\n")
                        .withAuthenticationTag(tag)))
                .isFalse();
        assertThat(AUTHENTICATION.isAuthentic(
                        provisioned("https", "qdrant.c.svc", "v1.sealed", null).withAuthenticationTag(tag)))
                .isFalse();
        assertThat(AUTHENTICATION.isAuthentic(provisioned("http", "qdrant.c.svc", "v1.sealed", clusterCa)
                        .withAuthenticationTag(tag)))
                .isFalse();
    }

    @Test
    void anotherKeyEncryptionKeyDoesNotAcceptTheTag() {
        byte[] other = Arrays.copyOf(KEY_ENCRYPTION_KEY, 32);
        other[0] = 1;

        assertThat(new EventAuthentication(other).isAuthentic(signed)).isFalse();
    }

    private ClusterProvisioned provisioned(String host, String sealedKey, String caCertificate) {
        return provisioned("http", host, sealedKey, caCertificate);
    }

    private ClusterProvisioned provisioned(String scheme, String host, String sealedKey, String caCertificate) {
        return new ClusterProvisioned(
                UUID.fromString("a8f1c3e5-2b4d-4f60-9e7a-c5d3b1a9f827"),
                Instant.parse("2026-12-07T10:00:00Z"),
                MessageMetadata.startingChain(UUID.fromString("c3a1e0f2-6b7d-4e58-9c2a-1f0e3d5b7a94")),
                CLUSTER,
                Engine.QDRANT,
                CLUSTER + ".local.minikube.dbaas.localhost",
                new ServiceAddress(scheme, host, 6333),
                sealedKey,
                3,
                caCertificate);
    }
}

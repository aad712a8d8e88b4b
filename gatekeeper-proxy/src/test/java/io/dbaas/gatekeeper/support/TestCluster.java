package io.dbaas.gatekeeper.support;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.access.ApiKeyRevoked;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.ClusterTokens;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.contracts.security.MasterKeyCipher;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A cluster as Nebula would announce it: its id, public host, and master key in clear (tests only). */
public record TestCluster(UUID id, String host, String masterKey) {

    /** The key-encryption key every test context is started with. */
    public static final String KEY_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public static final MasterKeyCipher CIPHER = MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY);

    private static final SecureRandom RANDOM = new SecureRandom();

    public static TestCluster under(String domain) {
        return under("eu-west-1.aws", domain);
    }

    /** A cluster of region {@code regionAndProvider}, such as {@code us-east-1.gcp}. */
    public static TestCluster under(String regionAndProvider, String domain) {
        UUID id = UUID.randomUUID();
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return new TestCluster(
                id,
                id + "." + regionAndProvider + "." + domain,
                Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    }

    /** A read-write API key without expiry, as Orion issues it. */
    public String newApiKey() {
        return newKey(KeyScope.READ_WRITE, null).key();
    }

    public String newReadOnlyKey() {
        return newKey(KeyScope.READ_ONLY, null).key();
    }

    public ApiKeys.IssuedKey newKey(KeyScope scope, @Nullable Instant expiresAt) {
        return ApiKeys.issue(masterKey, scope, expiresAt);
    }

    /** A bearer token of this cluster, valid for ten minutes. */
    public String newToken(KeyScope scope) {
        Instant now = Instant.now();
        return ClusterTokens.issue(
                ClusterTokens.signingKey(masterKey),
                id,
                scope,
                now,
                now.plus(Duration.ofMinutes(10)),
                UUID.randomUUID());
    }

    public ClusterProvisioned provisionedAt(ServiceAddress internalAddress) {
        return provisionedAt(internalAddress, CIPHER.seal(id, masterKey));
    }

    public ClusterProvisioned provisionedAt(ServiceAddress internalAddress, String sealedMasterKey) {
        return provisioned(Engine.QDRANT, internalAddress, sealedMasterKey, null);
    }

    /** A Qdrant cluster as Nebula renders it now, reached over HTTPS with a certificate from {@code caCertificate}. */
    public ClusterProvisioned qdrantOverTlsAt(ServiceAddress internalAddress, String caCertificate) {
        return provisioned(Engine.QDRANT, internalAddress, CIPHER.seal(id, masterKey), caCertificate);
    }

    /** An Elasticsearch cluster, reached over HTTPS with a certificate from {@code caCertificate}. */
    public ClusterProvisioned elasticsearchAt(ServiceAddress internalAddress, String caCertificate) {
        return provisioned(Engine.ELASTICSEARCH, internalAddress, CIPHER.seal(id, masterKey), caCertificate);
    }

    private ClusterProvisioned provisioned(
            Engine engine, ServiceAddress internalAddress, String sealedMasterKey, @Nullable String caCertificate) {
        return CIPHER.eventAuthentication()
                .sign(new ClusterProvisioned(
                        UUID.randomUUID(),
                        Instant.now(),
                        metadata(),
                        id,
                        engine,
                        host,
                        internalAddress,
                        sealedMasterKey,
                        3,
                        caCertificate));
    }

    public ClusterProvisioningStarted provisioningStarted() {
        return new ClusterProvisioningStarted(UUID.randomUUID(), Instant.now(), metadata(), id);
    }

    public ClusterFailed failed() {
        return new ClusterFailed(
                UUID.randomUUID(), Instant.now(), metadata(), id, "node 0 did not become ready in eu-west-1");
    }

    public ClusterDegraded degraded() {
        return new ClusterDegraded(UUID.randomUUID(), Instant.now(), metadata(), id, 2, "node 2 is not ready");
    }

    /** Nebula waits for the cluster's region to carry out its last command. */
    public ClusterCommandDeferred deferred() {
        return new ClusterCommandDeferred(
                UUID.randomUUID(),
                Instant.now(),
                metadata(),
                id,
                "aws",
                "eu-west-1",
                "Waiting for the Kubernetes API of aws/eu-west-1, next attempt at 2026-12-07T11:30:05Z.",
                3,
                Instant.parse("2026-12-07T11:30:05Z"));
    }

    public ClusterUpdated updated() {
        return new ClusterUpdated(UUID.randomUUID(), Instant.now(), metadata(), id, "1.14.0", 3, 3);
    }

    public ClusterDeletionStarted deletionStarted() {
        return new ClusterDeletionStarted(UUID.randomUUID(), Instant.now(), metadata(), id);
    }

    public ClusterDeleted deleted() {
        return new ClusterDeleted(UUID.randomUUID(), Instant.now(), metadata(), id);
    }

    public ApiKeyRevoked keyRevoked(String keyId, @Nullable Instant expiresAt) {
        return new ApiKeyRevoked(UUID.randomUUID(), Instant.now(), metadata(), id, keyId, expiresAt);
    }

    private static MessageMetadata metadata() {
        return MessageMetadata.startingChain(UUID.randomUUID());
    }
}

package io.dbaas.gatekeeper.support;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.DerivedApiKeys;
import io.dbaas.contracts.security.MasterKeyCipher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** A cluster as Nebula would announce it: its id, public host, and master key in clear (tests only). */
public record TestCluster(UUID id, String host, String masterKey) {

    /** The key-encryption key every test context is started with. */
    public static final String KEY_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public static final MasterKeyCipher CIPHER = MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY);

    private static final SecureRandom RANDOM = new SecureRandom();

    public static TestCluster under(String domain) {
        UUID id = UUID.randomUUID();
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return new TestCluster(
                id,
                id + ".eu-west-1.aws." + domain,
                Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    }

    public String newApiKey() {
        return DerivedApiKeys.newKey(masterKey);
    }

    public ClusterProvisioned provisionedAt(ServiceAddress internalAddress) {
        return provisionedAt(internalAddress, CIPHER.seal(id, masterKey));
    }

    public ClusterProvisioned provisionedAt(ServiceAddress internalAddress, String sealedMasterKey) {
        return new ClusterProvisioned(
                UUID.randomUUID(),
                Instant.now(),
                metadata(),
                id,
                Engine.QDRANT,
                host,
                internalAddress,
                sealedMasterKey,
                3,
                null);
    }

    public ClusterFailed failed() {
        return new ClusterFailed(
                UUID.randomUUID(), Instant.now(), metadata(), id, "node 0 did not become ready in eu-west-1");
    }

    private static MessageMetadata metadata() {
        return MessageMetadata.startingChain(UUID.randomUUID());
    }
}

package io.dbaas.orion.apikey;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterSpec;
import io.dbaas.orion.cluster.Clusters;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Clusters as Nebula's events leave them, each with a master key of its own, for the tests of keys and tokens. */
abstract class ClusterCredentialTests extends OrionIntegrationTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Autowired
    Clusters clusters;

    @Autowired
    MasterKeyCipher cipher;

    @Autowired
    JdbcClient jdbc;

    /** A running cluster of this test's account. */
    ProvisionedCluster runningCluster() {
        return runningCluster(account.id());
    }

    /** A running cluster of {@code accountId}, with its master key sealed as Orion stores it. */
    ProvisionedCluster runningCluster(UUID accountId) {
        UUID id = UUID.randomUUID();
        String masterKey = masterKey();
        Cluster cluster = Cluster.claim(id, accountId, spec(), id + ".local.minikube.test", Instant.now());
        cluster.markRunning(1, cipher.seal(id, masterKey), Instant.now());
        clusters.save(cluster);
        return new ProvisionedCluster(id, masterKey, cluster.sealedMasterKey().orElseThrow());
    }

    /**
     * A running cluster whose master key was sealed under another key-encryption key (one rotated without re-sealing,
     * say): Orion cannot open it.
     */
    ProvisionedCluster clusterSealedUnderAnotherKeyEncryptionKey() {
        byte[] otherKey = new byte[32];
        RANDOM.nextBytes(otherKey);
        UUID id = UUID.randomUUID();
        String masterKey = masterKey();
        Cluster cluster = Cluster.claim(id, account.id(), spec(), id + ".local.minikube.test", Instant.now());
        cluster.markRunning(1, new MasterKeyCipher(otherKey).seal(id, masterKey), Instant.now());
        clusters.save(cluster);
        return new ProvisionedCluster(id, masterKey, cluster.sealedMasterKey().orElseThrow());
    }

    /** A cluster claimed and not provisioned yet: it has no master key. */
    UUID pendingCluster() {
        UUID id = UUID.randomUUID();
        clusters.save(Cluster.claim(id, account.id(), spec(), id + ".local.minikube.test", Instant.now()));
        return id;
    }

    /** A cluster that ran, then failed: it holds a sealed master key but serves nothing. */
    UUID failedCluster() {
        UUID id = runningCluster().id();
        Cluster cluster = clusters.findById(id).orElseThrow();
        cluster.markFailed("a node is gone", Instant.now());
        clusters.save(cluster);
        return id;
    }

    long storedKeys(UUID clusterId) {
        return jdbc.sql("select count(*) from api_keys where cluster_id = :cluster")
                .param("cluster", clusterId)
                .query(Long.class)
                .single();
    }

    static String keysPath(UUID clusterId) {
        return "/v1/clusters/" + clusterId + "/api-keys";
    }

    static String masterKey() {
        var key = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /** A small Qdrant cluster in the demo region, as these tests claim it. */
    static ClusterSpec spec() {
        return new ClusterSpec(
                "keys",
                Engine.QDRANT,
                "1.19.0",
                1,
                Quantity.of("1"),
                Quantity.of("1Gi"),
                Quantity.of("1Gi"),
                "minikube",
                "local");
    }

    /** A cluster's id, its master key in clear (as only Nebula and GateKeeper hold it) and sealed (as Orion does). */
    record ProvisionedCluster(UUID id, String masterKey, String sealedMasterKey) {}
}

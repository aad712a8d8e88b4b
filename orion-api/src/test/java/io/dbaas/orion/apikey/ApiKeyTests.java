package io.dbaas.orion.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.security.DerivedApiKeys;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterSpec;
import io.dbaas.orion.cluster.Clusters;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiKeyTests extends OrionIntegrationTests {

    static final String MASTER_KEY = "Zq3vT8pLm2Xw9Rk4Hc7Yb1Nd6Fs5Gj0A";

    @Autowired
    Clusters clusters;

    @Autowired
    MasterKeyCipher cipher;

    @Test
    void keyOfARunningClusterIsDerivedFromItsMasterKeyAndShownOnce() {
        Cluster cluster = runningCluster();

        Response response = post("/v1/clusters/" + cluster.id() + "/api-keys", "");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Cache-Control")).contains("no-store");
        String key = response.json().get("key").asString();
        assertThat(DerivedApiKeys.matches(MASTER_KEY, key)).isTrue();
        assertThat(response.body())
                .doesNotContain(MASTER_KEY)
                .doesNotContain(cluster.sealedMasterKey().orElseThrow());
    }

    @Test
    void clusterThatIsNotRunningHasNoKeysYet() {
        Cluster cluster =
                clusters.save(Cluster.claim(UUID.randomUUID(), account.id(), spec(), "p.example", Instant.now()));

        Response response = post("/v1/clusters/" + cluster.id() + "/api-keys", "");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-not-running");
    }

    @Test
    void unknownClusterHasNoKeys() {
        Response response = post("/v1/clusters/" + UUID.randomUUID() + "/api-keys", "");

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void clusterReadBackNeverShowsTheMasterKey() {
        Cluster cluster = runningCluster();

        String body = get("/v1/clusters/" + cluster.id()).body();

        assertThat(body)
                .doesNotContain(MASTER_KEY)
                .doesNotContain(cluster.sealedMasterKey().orElseThrow());
    }

    private Cluster runningCluster() {
        UUID id = UUID.randomUUID();
        Cluster cluster = Cluster.claim(id, account.id(), spec(), id + ".local.minikube.test", Instant.now());
        cluster.markRunning(1, cipher.seal(id, MASTER_KEY), Instant.now());
        return clusters.save(cluster);
    }

    private static ClusterSpec spec() {
        return new ClusterSpec(
                "keys",
                Engine.QDRANT,
                "1.15.5",
                1,
                Quantity.of("1"),
                Quantity.of("1Gi"),
                Quantity.of("1Gi"),
                "minikube",
                "local");
    }
}

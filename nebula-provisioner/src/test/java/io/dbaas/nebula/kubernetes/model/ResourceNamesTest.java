package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    @RepeatedTest(20)
    void everyClusterNamespaceIsADnsLabel() {
        UUID clusterId = UUID.randomUUID();

        assertThat(ResourceNames.namespace(clusterId))
                .isEqualTo("dbaas-" + clusterId)
                .hasSizeLessThanOrEqualTo(ResourceNames.MAX_LENGTH);
    }

    @Test
    void hostNamesDeriveFromTheNamespace() {
        UUID clusterId = UUID.fromString("3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");

        assertThat(ResourceNames.qdrantPeerHost(clusterId, 2))
                .isEqualTo("qdrant-2.qdrant-headless.dbaas-3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
        assertThat(ResourceNames.serviceHost("qdrant", clusterId, "cluster.local"))
                .isEqualTo("qdrant.dbaas-3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a.svc.cluster.local");
    }

    @Test
    void refusesNamesThatAreNotDnsLabels() {
        assertThatThrownBy(() -> ResourceNames.dnsLabel("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceNames.dnsLabel("Qdrant")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceNames.dnsLabel("-qdrant")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ResourceNames.dnsLabel("a".repeat(63))).hasSize(63);
    }
}

package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.TestCluster;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Actuator answers on its own port only; on the public port /actuator is just a path of the cluster. */
class ManagementPortIT extends GateKeeperIntegrationTest {

    @Test
    void healthAndPrometheusAreServedOnTheManagementPort() {
        assertThat(managementPort).isNotEqualTo(port);
        awaitReady();
        management()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management()
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(metrics -> assertThat(metrics).contains("jvm_memory_used_bytes"));
    }

    @Test
    void actuatorOnAClusterHostNeedsAKeyLikeAnyOtherPath() {
        TestCluster cluster = provisioned(UPSTREAM_A);

        assertProblem(
                gateway()
                        .get()
                        .uri("/actuator/health")
                        .header(HttpHeaders.HOST, cluster.host())
                        .exchange(),
                401,
                "urn:dbaas:problem:unauthenticated");
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void actuatorOnAClusterHostIsProxiedToTheCluster() {
        TestCluster cluster = provisioned(UPSTREAM_A);

        gateway()
                .get()
                .uri("/actuator/prometheus")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", cluster.newApiKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("answered by upstream-a");

        assertThat(UPSTREAM_A.received()).singleElement().satisfies(received -> assertThat(received.rawPath())
                .isEqualTo("/actuator/prometheus"));
    }

    @Test
    void actuatorIsNotServedOnThePublicPortForAnyOtherHost() {
        assertProblem(
                gateway()
                        .get()
                        .uri("/actuator/health")
                        .header(HttpHeaders.HOST, "127.0.0.1")
                        .exchange(),
                404,
                "urn:dbaas:problem:unknown-cluster");
    }
}

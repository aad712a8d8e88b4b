package io.dbaas.gatekeeper.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterHostTest {

    private static final UUID ID = UUID.fromString("0b9c6a1e-4f7d-4c8e-9a43-2f1d5e6b7c80");

    @Test
    void readsTheIdOfAHostOfTheExpectedShape() {
        assertThat(ClusterHost.clusterIdOf(ID + ".eu-west-1.aws.dbaas.localhost", "dbaas.localhost"))
                .contains(ID);
        assertThat(ClusterHost.clusterIdOf(
                        ID.toString().toUpperCase() + ".EU-WEST-1.aws.dbaas.localhost.", "dbaas.localhost"))
                .contains(ID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0b9c6a1e-4f7d-4c8e-9a43-2f1d5e6b7c80.aws.dbaas.localhost",
                "0b9c6a1e-4f7d-4c8e-9a43-2f1d5e6b7c80.x.eu-west-1.aws.dbaas.localhost",
                "0b9c6a1e-4f7d-4c8e-9a43-2f1d5e6b7c80..aws.dbaas.localhost",
                "0b9c6a1e-4f7d-4c8e-9a43-2f1d5e6b7c80.eu-west-1.aws.example.com",
                "1-2-3-4-5.eu-west-1.aws.dbaas.localhost",
                "not-a-uuid.eu-west-1.aws.dbaas.localhost",
                "dbaas.localhost"
            })
    void anythingElseNamesNoCluster(String host) {
        assertThat(ClusterHost.clusterIdOf(host, "dbaas.localhost")).isEmpty();
    }
}

package io.dbaas.gatekeeper.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterDirectoryTest {

    private final ClusterDirectory directory = new ClusterDirectory();

    @Test
    void findsARouteByHostIgnoringCaseAndATrailingDot() {
        ClusterRoute route = route(UUID.randomUUID(), "Abc.EU-West-1.aws.dbaas.localhost", "http://10.0.0.1:6333");
        directory.put(route);

        assertThat(directory.find("abc.eu-west-1.aws.dbaas.localhost")).contains(route);
        assertThat(directory.find("ABC.EU-WEST-1.AWS.DBAAS.LOCALHOST.")).contains(route);
        assertThat(route.host()).isEqualTo("abc.eu-west-1.aws.dbaas.localhost");
    }

    @Test
    void knowsNothingOfHostsItWasNotTold() {
        directory.put(route(UUID.randomUUID(), "a.dbaas.localhost", "http://10.0.0.1:6333"));

        assertThat(directory.find("b.dbaas.localhost")).isEmpty();
        assertThat(directory.find("dbaas.localhost")).isEmpty();
    }

    @Test
    void aNewerRouteOfTheSameClusterReplacesTheOlder() {
        UUID cluster = UUID.randomUUID();
        directory.put(route(cluster, "a.dbaas.localhost", "http://10.0.0.1:6333"));
        ClusterRoute newer = route(cluster, "a.dbaas.localhost", "http://10.0.0.2:6333");
        directory.put(newer);

        assertThat(directory.find("a.dbaas.localhost")).contains(newer);
        assertThat(directory.size()).isEqualTo(1);
    }

    @Test
    void aClusterThatMovedStopsAnsweringAtItsOldHost() {
        UUID cluster = UUID.randomUUID();
        directory.put(route(cluster, "old.dbaas.localhost", "http://10.0.0.1:6333"));
        directory.put(route(cluster, "new.dbaas.localhost", "http://10.0.0.1:6333"));

        assertThat(directory.find("old.dbaas.localhost")).isEmpty();
        assertThat(directory.find("new.dbaas.localhost")).isPresent();
    }

    @Test
    void removingAClusterStopsRoutingToIt() {
        UUID cluster = UUID.randomUUID();
        directory.put(route(cluster, "a.dbaas.localhost", "http://10.0.0.1:6333"));
        directory.forget(cluster);

        assertThat(directory.find("a.dbaas.localhost")).isEmpty();
        assertThat(directory.size()).isZero();
    }

    @Test
    void removingAnUnknownClusterChangesNothing() {
        ClusterRoute route = route(UUID.randomUUID(), "a.dbaas.localhost", "http://10.0.0.1:6333");
        directory.put(route);
        directory.forget(UUID.randomUUID());

        assertThat(directory.find("a.dbaas.localhost")).contains(route);
    }

    @Test
    void removingAClusterLeavesAHostSinceGivenToAnotherCluster() {
        UUID first = UUID.randomUUID();
        directory.put(route(first, "a.dbaas.localhost", "http://10.0.0.1:6333"));
        ClusterRoute second = route(UUID.randomUUID(), "a.dbaas.localhost", "http://10.0.0.2:6333");
        directory.put(second);
        directory.forget(first);

        assertThat(directory.find("a.dbaas.localhost")).contains(second);
    }

    @Test
    void aClusterKnownByIdOnlyIsFoundByIdUntilItIsRouted() {
        UUID cluster = UUID.randomUUID();
        directory.markNotServing(cluster, ClusterState.PROVISIONING);

        assertThat(directory.notYetRoutable(cluster))
                .hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(ClusterState.PROVISIONING));
        assertThat(directory.size()).isZero();

        directory.put(route(cluster, "a.dbaas.localhost", "http://10.0.0.1:6333"));

        assertThat(directory.notYetRoutable(cluster)).isEmpty();
        assertThat(directory.find("a.dbaas.localhost")).isPresent();
    }

    @Test
    void aClusterThatStopsServingKeepsItsHostWithItsStateButIsNotRouted() {
        UUID cluster = UUID.randomUUID();
        directory.put(route(cluster, "a.dbaas.localhost", "http://10.0.0.1:6333"));

        directory.markNotServing(cluster, ClusterState.DELETING);

        assertThat(directory.find("a.dbaas.localhost")).isEmpty();
        assertThat(directory.lookup("a.dbaas.localhost"))
                .hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(ClusterState.DELETING));
        // Known by its host, so never by the id in some other host.
        assertThat(directory.notYetRoutable(cluster)).isEmpty();
    }

    @Test
    void revokedKeysAreKeptUntilTheyExpireAndForgottenWithTheirCluster() {
        UUID cluster = UUID.randomUUID();
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        directory.revoke(cluster, "expiring", now.plusSeconds(60));
        directory.revoke(cluster, "forever", null);

        directory.forgetExpiredRevocations(now);
        assertThat(directory.isRevoked(cluster, "expiring")).isTrue();
        assertThat(directory.isRevoked(cluster, "forever")).isTrue();
        assertThat(directory.isRevoked(UUID.randomUUID(), "forever")).isFalse();

        directory.forgetExpiredRevocations(now.plusSeconds(60));
        assertThat(directory.isRevoked(cluster, "expiring")).isFalse();
        assertThat(directory.isRevoked(cluster, "forever")).isTrue();

        directory.forget(cluster);
        assertThat(directory.isRevoked(cluster, "forever")).isFalse();
    }

    @Test
    void everyChangeMovesTheVersion() {
        long start = directory.version();
        UUID cluster = UUID.randomUUID();
        directory.put(route(cluster, "a.dbaas.localhost", "http://10.0.0.1:6333"));
        directory.revoke(cluster, "key", null);
        directory.markNotServing(cluster, ClusterState.FAILED);

        assertThat(directory.version()).isEqualTo(start + 3);
    }

    private static ClusterRoute route(UUID cluster, String host, String upstream) {
        return ClusterRoute.of(
                cluster, Engine.QDRANT, host, URI.create(upstream), new MasterKey("master-" + cluster), "sealed", null);
    }
}

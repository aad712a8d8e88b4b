package io.dbaas.gatekeeper.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
        directory.remove(cluster);

        assertThat(directory.find("a.dbaas.localhost")).isEmpty();
        assertThat(directory.size()).isZero();
    }

    @Test
    void removingAnUnknownClusterChangesNothing() {
        ClusterRoute route = route(UUID.randomUUID(), "a.dbaas.localhost", "http://10.0.0.1:6333");
        directory.put(route);
        directory.remove(UUID.randomUUID());

        assertThat(directory.find("a.dbaas.localhost")).contains(route);
    }

    @Test
    void removingAClusterLeavesAHostSinceGivenToAnotherCluster() {
        UUID first = UUID.randomUUID();
        directory.put(route(first, "a.dbaas.localhost", "http://10.0.0.1:6333"));
        ClusterRoute second = route(UUID.randomUUID(), "a.dbaas.localhost", "http://10.0.0.2:6333");
        directory.put(second);
        directory.remove(first);

        assertThat(directory.find("a.dbaas.localhost")).contains(second);
    }

    private static ClusterRoute route(UUID cluster, String host, String upstream) {
        return new ClusterRoute(cluster, host, URI.create(upstream), new MasterKey("master-" + cluster));
    }
}

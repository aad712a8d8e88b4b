package io.dbaas.gatekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.directory.ClusterState;
import io.dbaas.gatekeeper.support.CapturedLogs;
import io.dbaas.gatekeeper.support.TestCertificates;
import io.dbaas.gatekeeper.support.TestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterEventsListenerTest {

    private static final ServiceAddress ADDRESS = new ServiceAddress("http", "qdrant.c-1.svc", 6333);

    private final MessageCodec codec = new MessageCodec();
    private final ConsumedOffsets offsets = new ConsumedOffsets();
    private final ClusterDirectory directory = new ClusterDirectory();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ClusterEventsListener listener = new ClusterEventsListener(
            codec, new ClusterDirectoryUpdater(directory, TestCluster.CIPHER), offsets, meters);
    private final CapturedLogs logs = CapturedLogs.of(ClusterEventsListener.class, ClusterDirectoryUpdater.class);
    private long offset;

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aProvisionedClusterBecomesRoutableAtItsEndpointWithItsOpenedMasterKey() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        ClusterProvisioned event = cluster.provisionedAt(ADDRESS);
        ClusterProvisioned upperCaseEndpoint = TestCluster.CIPHER
                .eventAuthentication()
                .sign(new ClusterProvisioned(
                        event.id(),
                        event.createdAt(),
                        event.metadata(),
                        event.clusterId(),
                        event.engine(),
                        event.clusterEndpoint().toUpperCase(),
                        event.internalAddress(),
                        event.sealedMasterKey(),
                        event.nodesReady(),
                        event.upstreamCaCertificate()));

        listener.onRecord(record(codec.write(upperCaseEndpoint)));

        ClusterRoute route = directory.find(cluster.host()).orElseThrow();
        assertThat(route.clusterId()).isEqualTo(cluster.id());
        assertThat(route.host()).isEqualTo(cluster.host());
        assertThat(route.upstream()).isEqualTo(URI.create("http://qdrant.c-1.svc:6333"));
        assertThat(route.masterKey().upstreamCredential()).isEqualTo(cluster.masterKey());
    }

    @Test
    void aFailedClusterIsNoLongerRoutable() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        listener.onRecord(record(codec.write(cluster.provisionedAt(ADDRESS))));

        listener.onRecord(record(codec.write(cluster.failed())));

        assertThat(directory.find(cluster.host())).isEmpty();
    }

    @Test
    void aClusterWhoseProvisioningStartedIsNotRoutableYet() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");

        listener.onRecord(record(codec.write(new ClusterProvisioningStarted(
                UUID.randomUUID(), Instant.now(), MessageMetadata.startingChain(UUID.randomUUID()), cluster.id()))));

        assertThat(directory.size()).isZero();
        assertThat(directory.notYetRoutable(cluster.id()))
                .hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(ClusterState.PROVISIONING));
    }

    @Test
    void garbageIsSkippedWithoutQuotingItAndLaterEventsStillApply() {
        String garbage = "{\"name\":\"ClusterProvisioned\",\"secret-looking\":\"do-not-log-me\"";
        listener.onRecord(record(garbage.getBytes(StandardCharsets.UTF_8)));
        listener.onRecord(record("not json at all: do-not-log-me".getBytes(StandardCharsets.UTF_8)));
        listener.onRecord(record("{\"name\":\"SomethingElse\"}".getBytes(StandardCharsets.UTF_8)));
        TestCluster cluster = TestCluster.under("dbaas.localhost");

        listener.onRecord(record(codec.write(cluster.provisionedAt(ADDRESS))));

        assertThat(directory.find(cluster.host())).isPresent();
        assertThat(logs.text())
                .contains("Skipped " + Topics.CLUSTER_EVENTS + "-0@0: not a valid cluster event")
                .contains("@1: not a valid cluster event")
                .contains("@2: not a valid cluster event")
                .doesNotContain("do-not-log-me");
    }

    @Test
    void anEmptyRecordIsSkipped() {
        listener.onRecord(new ConsumerRecord<>(Topics.CLUSTER_EVENTS, 0, offset++, null, null));

        assertThat(directory.size()).isZero();
        assertThat(logs.text()).contains("empty record");
    }

    @Test
    void aReplayedEventWithAnotherAddressOrWithoutItsTagIsRefusedCountedAndChangesNothing() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        ClusterProvisioned genuine = cluster.provisionedAt(ADDRESS);
        listener.onRecord(record(codec.write(genuine)));
        ServiceAddress attackers = new ServiceAddress("http", "collector.example.net", 80);
        // Someone who can write to Kafka replays the cluster's own event, sealed key and tag included, elsewhere.
        ClusterProvisioned redirected = new ClusterProvisioned(
                genuine.id(),
                genuine.createdAt(),
                genuine.metadata(),
                genuine.clusterId(),
                genuine.engine(),
                genuine.clusterEndpoint(),
                attackers,
                genuine.sealedMasterKey(),
                genuine.nodesReady(),
                genuine.upstreamCaCertificate(),
                genuine.authenticationTag());
        ClusterProvisioned unsigned = new ClusterProvisioned(
                UUID.randomUUID(),
                genuine.createdAt(),
                genuine.metadata(),
                genuine.clusterId(),
                genuine.engine(),
                genuine.clusterEndpoint(),
                attackers,
                genuine.sealedMasterKey(),
                genuine.nodesReady(),
                genuine.upstreamCaCertificate());

        listener.onRecord(record(codec.write(redirected)));
        listener.onRecord(record(codec.write(unsigned)));

        assertThat(directory.find(cluster.host()).orElseThrow().upstream()).isEqualTo(ADDRESS.toUri());
        assertThat(meters.counter("gatekeeper.events.refused").count()).isEqualTo(2);
        assertThat(logs.text())
                .contains("is not authentic")
                .doesNotContain(genuine.sealedMasterKey())
                .doesNotContain(cluster.masterKey());
    }

    @Test
    void aSealedKeyThatDoesNotOpenIsSkippedWithoutRevealingAnyKey() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        TestCluster other = TestCluster.under("dbaas.localhost");
        // Sealed for another cluster: the associated data differs, so it must not open for this one.
        String sealedForOther = TestCluster.CIPHER.seal(other.id(), cluster.masterKey());

        listener.onRecord(record(codec.write(cluster.provisionedAt(ADDRESS, sealedForOther))));
        listener.onRecord(record(codec.write(cluster.provisionedAt(ADDRESS, "v1.not-a-sealed-key"))));

        assertThat(directory.find(cluster.host())).isEmpty();
        assertThat(logs.text())
                .contains("sealed master key does not open")
                .doesNotContain(cluster.masterKey())
                .doesNotContain(sealedForOther);
    }

    @Test
    void anEndpointThatIsNoHostNameIsSkipped() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        ClusterProvisioned event = cluster.provisionedAt(ADDRESS);
        ClusterProvisioned blankEndpoint = TestCluster.CIPHER
                .eventAuthentication()
                .sign(new ClusterProvisioned(
                        event.id(),
                        event.createdAt(),
                        event.metadata(),
                        event.clusterId(),
                        event.engine(),
                        " ",
                        event.internalAddress(),
                        event.sealedMasterKey(),
                        event.nodesReady(),
                        event.upstreamCaCertificate()));

        listener.onRecord(record(codec.write(blankEndpoint)));

        assertThat(directory.size()).isZero();
        assertThat(logs.text()).contains("not usable");
    }

    @Test
    void routingIsLoggedWithoutTheMasterKey() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        ClusterProvisioned event = cluster.provisionedAt(ADDRESS);

        listener.onRecord(record(codec.write(event)));

        assertThat(logs.text())
                .contains("Routing " + cluster.host() + " to qdrant cluster " + cluster.id())
                .doesNotContain(cluster.masterKey())
                .doesNotContain(event.sealedMasterKey());
    }

    @Test
    void aDegradedUpdatedOrWaitingClusterKeepsServingABeingDeletedOneStopsAndADeletedOneIsForgotten() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        listener.onRecord(record(codec.write(cluster.provisionedAt(ADDRESS))));

        listener.onRecord(record(codec.write(cluster.degraded())));
        listener.onRecord(record(codec.write(cluster.updated())));
        listener.onRecord(record(codec.write(cluster.deferred())));
        assertThat(directory.find(cluster.host()))
                .as("a change Nebula waits to carry out leaves the route as it is")
                .isPresent();

        listener.onRecord(record(codec.write(cluster.deletionStarted())));
        assertThat(directory.find(cluster.host())).isEmpty();
        assertThat(directory.lookup(cluster.host()))
                .hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(ClusterState.DELETING));

        listener.onRecord(record(codec.write(cluster.deleted())));
        assertThat(directory.lookup(cluster.host())).isEmpty();
        assertThat(directory.entries()).isEmpty();
    }

    @Test
    void anElasticsearchClusterIsReachedOverHttpsWithItsOwnCaAndBasicCredentials() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        TestCertificates.Authority ca = TestCertificates.authority();
        ServiceAddress https = new ServiceAddress("https", "es.c-1.svc", 9200);

        listener.onRecord(record(codec.write(cluster.elasticsearchAt(https, ca.pem()))));

        ClusterRoute route = directory.find(cluster.host()).orElseThrow();
        assertThat(route.engine()).isEqualTo(Engine.ELASTICSEARCH);
        assertThat(route.upstreamTrust()).isNotNull();
        assertThat(route.upstreamTrust().certificates()).containsExactly(ca.certificate());
        assertThat(route.upstreamCredential().header()).isEqualTo("Authorization");
        assertThat(route.upstreamCredential().value())
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString(("elastic:" + cluster.masterKey()).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anHttpsClusterWithoutCaCertificateIsSkipped() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        ServiceAddress https = new ServiceAddress("https", "es.c-1.svc", 9200);

        listener.onRecord(record(codec.write(cluster.provisionedAt(https))));
        listener.onRecord(record(codec.write(cluster.elasticsearchAt(https, "not a certificate"))));

        assertThat(directory.find(cluster.host())).isEmpty();
        assertThat(logs.text()).contains("CA certificate is not usable");
    }

    @Test
    void recordsHowFarEachPartitionWasRead() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        listener.onRecord(new ConsumerRecord<>(
                Topics.CLUSTER_EVENTS, 1, 41, new byte[0], "garbage".getBytes(StandardCharsets.UTF_8)));
        listener.onRecord(new ConsumerRecord<>(
                Topics.CLUSTER_EVENTS, 1, 42, new byte[0], codec.write(cluster.provisionedAt(ADDRESS))));

        assertThat(offsets.copy()).containsEntry(new TopicPartition(Topics.CLUSTER_EVENTS, 1), 43L);
    }

    private ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.CLUSTER_EVENTS, 0, offset++, new byte[0], value);
    }
}

package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Topics;
import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.events.AccessEventsListener;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.TestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Orion revokes a key on dbaas.access-events; every GateKeeper refuses it within a second. */
class RevocationIT extends GateKeeperIntegrationTest {

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void aRevokedKeyIsRefusedWithinOneSecondWhileTheClustersOtherKeysStillWork() {
        TestCluster cluster = provisioned(UPSTREAM_A);
        ApiKeys.IssuedKey revoked =
                cluster.newKey(KeyScope.READ_WRITE, Instant.now().plus(Duration.ofDays(1)));
        String kept = cluster.newApiKey();
        listCollections(cluster.host(), revoked.key()).expectStatus().isOk();
        // Wait until the listener has its partitions, so the second measured below is delivery only.
        await().atMost(eventDelivery())
                .until(() -> !listener().getAssignedPartitions().isEmpty());

        publish(cluster.keyRevoked(revoked.keyId(), Instant.now().plus(Duration.ofDays(1))));

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> directory.isRevoked(cluster.id(), revoked.keyId()));
        UPSTREAM_A.forget();
        assertProblem(listCollections(cluster.host(), revoked.key()), 401, "urn:dbaas:problem:unauthenticated");
        assertThat(UPSTREAM_A.received()).isEmpty();
        listCollections(cluster.host(), kept).expectStatus().isOk();
    }

    @Test
    void aRevocationOfAnotherClustersKeyIdChangesNothingHereAndGarbageIsSkipped() {
        TestCluster cluster = provisioned(UPSTREAM_A);
        TestCluster other = TestCluster.under(DOMAIN);
        ApiKeys.IssuedKey key = cluster.newKey(KeyScope.READ_WRITE, null);
        publishGarbage(Topics.ACCESS_EVENTS, cluster.id().toString(), "{\"name\":\"ApiKeyRevoked\"}");
        publish(other.keyRevoked(key.keyId(), null));
        TestCluster marker = TestCluster.under(DOMAIN);
        publish(marker.keyRevoked("marker", null));

        await().atMost(eventDelivery()).until(() -> directory.isRevoked(marker.id(), "marker"));
        listCollections(cluster.host(), key.key()).expectStatus().isOk();
    }

    @Test
    void theAccessEventsConsumerIsToldToAnswerFetchesWithinATenthOfASecond() {
        Map<?, ?> properties = listener().getContainerProperties().getKafkaConsumerProperties();

        assertThat(properties.get("fetch.max.wait.ms")).isEqualTo("100");
        assertThat(properties.get("fetch.min.bytes")).isEqualTo("1");
    }

    private MessageListenerContainer listener() {
        return listeners.getListenerContainer(AccessEventsListener.LISTENER_ID);
    }
}

package io.dbaas.orion.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Topics;
import io.dbaas.contracts.access.AccessEvent;
import io.dbaas.contracts.access.ApiKeyRevoked;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;

/**
 * Revoking a key: marked revoked and announced on {@code dbaas.access-events}, through the outbox and the real broker,
 * fast enough for every GateKeeper to refuse the key within a second of the request.
 */
class ApiKeyRevocationTests extends ClusterCredentialTests {

    /** What the product promises: a revoked key is refused everywhere within this time of the request. */
    static final Duration REVOCATION_BOUND = Duration.ofSeconds(1);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void revokedKeyIsAnnouncedOnTheAccessTopicWithinASecondOfTheRequest() {
        ProvisionedCluster cluster = runningCluster();
        Instant expiry = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String keyId = post(keysPath(cluster.id()), ApiKeyTests.request("leaked", "read-write", expiry))
                .json()
                .get("id")
                .asString();

        try (var reader = new AccessTopicReader(broker)) {
            Instant asked = Instant.now();
            Response revoked = delete(keysPath(cluster.id()) + "/" + keyId);
            Instant answered = Instant.now();
            List<AccessTopicReader.Arrival> arrivals =
                    reader.read(cluster.id().toString(), 1, REVOCATION_BOUND.multipliedBy(10));

            assertThat(revoked.status()).isEqualTo(204);
            assertThat(arrivals).as("ApiKeyRevoked on " + Topics.ACCESS_EVENTS).hasSize(1);
            Duration sinceAsked = Duration.between(asked, arrivals.getFirst().at());
            System.out.printf(
                    "revocation: answered after %d ms, on the access topic %d ms after the request%n",
                    Duration.between(asked, answered).toMillis(), sinceAsked.toMillis());
            assertThat(sinceAsked)
                    .as("from DELETE sent to the event read from the broker")
                    .isLessThan(REVOCATION_BOUND);
            AccessEvent event = codec.read(arrivals.getFirst().record().value(), AccessEvent.class);
            assertThat(event).isInstanceOfSatisfying(ApiKeyRevoked.class, revocation -> {
                assertThat(revocation.keyId()).isEqualTo(keyId);
                assertThat(revocation.clusterId()).isEqualTo(cluster.id());
                assertThat(revocation.expiresAt()).isEqualTo(expiry);
            });
        }
        JsonNode key = get(keysPath(cluster.id()) + "/" + keyId).json();
        assertThat(key.get("state").asString()).isEqualTo("revoked");
        assertThat(key.get("revoked_at").isNull()).isFalse();
    }

    @Test
    void revokingTwiceAnswersTheSameAndAnnouncesOnce() {
        ProvisionedCluster cluster = runningCluster();
        String keyId = post(keysPath(cluster.id()), ApiKeyTests.request("twice", "read-only", null))
                .json()
                .get("id")
                .asString();

        try (var reader = new AccessTopicReader(broker)) {
            Response first = delete(keysPath(cluster.id()) + "/" + keyId);
            String revokedAt = get(keysPath(cluster.id()) + "/" + keyId)
                    .json()
                    .get("revoked_at")
                    .asString();
            Response second = delete(keysPath(cluster.id()) + "/" + keyId);

            assertThat(first.status()).isEqualTo(204);
            assertThat(second.status()).isEqualTo(204);
            assertThat(get(keysPath(cluster.id()) + "/" + keyId)
                            .json()
                            .get("revoked_at")
                            .asString())
                    .as("the first revocation's time stays")
                    .isEqualTo(revokedAt);
            assertThat(reader.read(cluster.id().toString(), 2, Duration.ofSeconds(3)))
                    .hasSize(1);
        }
        assertThat(revocationsWritten(keyId)).isOne();
    }

    @Test
    void concurrentRevocationsOfOneKeyAnnounceItOnce() throws Exception {
        ProvisionedCluster cluster = runningCluster();
        String keyId = post(keysPath(cluster.id()), ApiKeyTests.request("raced", "read-write", null))
                .json()
                .get("id")
                .asString();
        String path = keysPath(cluster.id()) + "/" + keyId;

        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Callable<Integer>> revocations = IntStream.range(0, 8)
                    .<Callable<Integer>>mapToObj(i -> () -> delete(path).status())
                    .toList();
            statuses = pool.invokeAll(revocations).stream()
                    .map(ApiKeyRevocationTests::join)
                    .toList();
        }

        assertThat(statuses).containsOnly(204);
        assertThat(revocationsWritten(keyId)).isOne();
    }

    @Test
    void unknownKeyCannotBeRevoked() {
        ProvisionedCluster cluster = runningCluster();

        Response missing = delete(keysPath(cluster.id()) + "/AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:dbaas:problem:api-key-not-found");
    }

    private long revocationsWritten(String keyId) {
        return jdbc.sql("""
                        select count(*) from outbox_messages
                        where topic = :topic and convert_from(payload, 'UTF8')::jsonb ->> 'key_id' = :key""")
                .param("topic", Topics.ACCESS_EVENTS)
                .param("key", keyId)
                .query(Long.class)
                .single();
    }

    private static int join(Future<Integer> status) {
        try {
            return status.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

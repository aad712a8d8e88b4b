package io.dbaas.orion.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** GET /v1/clusters/{id}/events: what happened to a cluster, from Nebula's events through the real broker. */
class ClusterEventsTests extends ClusterEventFeed {

    final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Instant at(int seconds) {
        return start.plusSeconds(seconds);
    }

    @Test
    void aClustersLifeIsListedNewestFirstWithWhatEachEventSaysAndStaysReadableOnceDeleted() {
        UUID scale = UUID.randomUUID();
        String waiting = "Waiting for the Kubernetes API of minikube/local, next attempt at " + at(67);
        deliver(new ClusterProvisioningStarted(UUID.randomUUID(), at(0), causedBy(creation), clusterId));
        deliver(provisioned(UUID.randomUUID(), at(1), creation));
        deliver(new ClusterDegraded(
                UUID.randomUUID(), at(2), causedBy(null), clusterId, 2, "Pod qdrant-2 cannot be scheduled"));
        deliver(new ClusterRecovered(UUID.randomUUID(), at(3), causedBy(null), clusterId, 3));
        deliver(new ClusterUpdated(UUID.randomUUID(), at(4), causedBy(scale), clusterId, "1.18.3", 5, 5));
        deliver(new ClusterUpdated(UUID.randomUUID(), at(5), causedBy(null), clusterId, "1.19.0", 5, 4));
        deliver(new ClusterChangeFailed(
                UUID.randomUUID(), at(6), causedBy(null), clusterId, "Scaling in would lose data"));
        deliver(new ClusterCommandDeferred(
                UUID.randomUUID(), at(7), causedBy(null), clusterId, "minikube", "local", waiting, 2, at(67)));
        deliver(new ClusterDeletionStarted(UUID.randomUUID(), at(8), causedBy(null), clusterId));
        deliver(new ClusterDeleted(UUID.randomUUID(), at(9), causedBy(null), clusterId));

        assertThat(get("/v1/clusters/" + clusterId).json().get("state").asString())
                .isEqualTo("DELETED");
        Response response = get(eventsPath());

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        assertThat(items.findValuesAsString("type"))
                .containsExactly(
                        "deleted",
                        "deletion_started",
                        "command_deferred",
                        "change_failed",
                        "upgraded",
                        "scaled",
                        "recovered",
                        "degraded",
                        "provisioned",
                        "provisioning_started");
        assertThat(items.findValuesAsString("occurred_at"))
                .containsExactly(
                        at(9).toString(),
                        at(8).toString(),
                        at(7).toString(),
                        at(6).toString(),
                        at(5).toString(),
                        at(4).toString(),
                        at(3).toString(),
                        at(2).toString(),
                        at(1).toString(),
                        at(0).toString());
        assertThat(response.json().get("next_page_token").isNull()).isTrue();

        JsonNode started = items.get(9);
        assertThat(started.get("operation_id").asString()).isEqualTo(creation.toString());
        JsonNode provisioned = items.get(8);
        assertThat(provisioned.get("nodes_ready").asInt()).isEqualTo(3);
        assertThat(provisioned.get("operation_id").asString()).isEqualTo(creation.toString());
        JsonNode degraded = items.get(7);
        assertThat(degraded.get("reason").asString()).isEqualTo("Pod qdrant-2 cannot be scheduled");
        assertThat(degraded.get("nodes_ready").asInt()).isEqualTo(2);
        assertThat(degraded.get("operation_id").isNull()).isTrue();
        JsonNode scaled = items.get(5);
        assertThat(scaled.get("engine_version").asString()).isEqualTo("1.18.3");
        assertThat(scaled.get("node_count").asInt()).isEqualTo(5);
        assertThat(scaled.get("operation_id").isNull())
                .as("a command Orion never sent names no operation")
                .isTrue();
        JsonNode upgraded = items.get(4);
        assertThat(upgraded.get("engine_version").asString()).isEqualTo("1.19.0");
        assertThat(upgraded.get("nodes_ready").asInt()).isEqualTo(4);
        assertThat(items.get(3).get("reason").asString()).isEqualTo("Scaling in would lose data");
        JsonNode deferred = items.get(2);
        assertThat(deferred.get("reason").asString()).isEqualTo(waiting);
        assertThat(deferred.get("next_attempt_at").asString()).isEqualTo(at(67).toString());
    }

    @Test
    void whatClusterProvisionedCarriesForTheServicesIsNeitherStoredNorShown() {
        ClusterProvisioned event = provisioned(UUID.randomUUID(), at(0), creation);
        deliver(event);

        String body = get(eventsPath()).body();
        String stored = jdbc.sql("select row_to_json(e)::text from cluster_events e where id = :id")
                .param("id", event.id())
                .query(String.class)
                .single();

        assertThat(body).contains("\"type\":\"provisioned\"");
        for (String shown : List.of(body, stored)) {
            assertThat(shown)
                    .doesNotContain(event.sealedMasterKey())
                    .doesNotContain(MASTER_KEY)
                    .doesNotContain("BEGIN CERTIFICATE")
                    .doesNotContain(event.internalAddress().host())
                    .doesNotContain(event.clusterEndpoint())
                    .doesNotContain(event.authenticationTag());
        }
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        var delivered = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            deliver(new ClusterFailed(id, at(i), causedBy(creation), clusterId, "attempt " + i));
            delivered.addFirst(id);
        }

        var listed = new ArrayList<String>();
        var sizes = new ArrayList<Integer>();
        String path = eventsPath() + "?page_size=2";
        while (path != null) {
            JsonNode page = get(path).json();
            sizes.add(page.get("items").size());
            listed.addAll(page.get("items").findValuesAsString("id"));
            JsonNode next = page.get("next_page_token");
            path = next.isNull() ? null : eventsPath() + "?page_size=2&page_token=" + next.asString();
        }

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(listed)
                .containsExactlyElementsOf(
                        delivered.stream().map(UUID::toString).toList());
    }

    @Test
    void aReasonIsKeptToItsFirst1024Characters() {
        String longReason = "x".repeat(5_000);
        deliver(new ClusterFailed(UUID.randomUUID(), at(0), causedBy(creation), clusterId, longReason));

        String reason =
                get(eventsPath()).json().get("items").get(0).get("reason").asString();

        assertThat(reason).hasSize(1024).startsWith("xxxx").endsWith("…");
    }

    @Test
    void aRedeliveredEventIsListedOnce() {
        UUID id = UUID.randomUUID();
        deliver(new ClusterFailed(id, at(0), causedBy(creation), clusterId, "first delivery"));
        nebula.publish(new ClusterFailed(id, at(1), causedBy(creation), clusterId, "redelivered"));
        deliver(new ClusterProvisioningStarted(UUID.randomUUID(), at(2), causedBy(creation), clusterId));

        JsonNode items = get(eventsPath()).json().get("items");

        assertThat(items.findValuesAsString("type")).containsExactly("provisioning_started", "failed");
        assertThat(items.get(1).get("reason").asString()).isEqualTo("first delivery");
        assertThat(recorded(id)).isEqualTo(1);
    }

    @Test
    void aForgedOrAlteredClusterProvisionedLeavesNoTrace() {
        ClusterProvisioned genuine = provisioned(UUID.randomUUID(), at(0), creation);
        ClusterProvisioned unsigned = new ClusterProvisioned(
                UUID.randomUUID(),
                genuine.createdAt(),
                genuine.metadata(),
                clusterId,
                genuine.engine(),
                genuine.clusterEndpoint(),
                genuine.internalAddress(),
                genuine.sealedMasterKey(),
                genuine.nodesReady(),
                genuine.upstreamCaCertificate());
        ClusterProvisioned altered = unsigned.withAuthenticationTag(genuine.authenticationTag());

        nebula.publish(unsigned);
        nebula.publish(altered);
        UUID marker = UUID.randomUUID();
        deliver(new ClusterProvisioningStarted(marker, at(1), causedBy(creation), clusterId));

        JsonNode items = get(eventsPath()).json().get("items");
        assertThat(items.findValuesAsString("id")).containsExactly(marker.toString());
        assertThat(recorded(unsigned.id())).isZero();
        assertThat(recorded(altered.id())).isZero();
    }

    @Test
    void viewersOfTheAccountMayRead() {
        deliver(new ClusterProvisioningStarted(UUID.randomUUID(), at(0), causedBy(creation), clusterId));

        Response response = as(credential("viewer")).get(eventsPath());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("items").findValuesAsString("type")).containsExactly("provisioning_started");
    }

    @Test
    void withoutCredentialsTheAnswerIs401() {
        assertThat(anonymous().get(eventsPath()).status()).isEqualTo(401);
    }

    @Test
    void anotherAccountsClusterIsNotFoundExactlyLikeTheClusterItself() {
        deliver(new ClusterProvisioningStarted(UUID.randomUUID(), at(0), causedBy(creation), clusterId));
        Client stranger = as(openAccount("stranger").adminToken());

        Response cluster = stranger.get("/v1/clusters/" + clusterId);
        Response events = stranger.get(eventsPath());
        Response eventsWithABadToken = stranger.get(eventsPath() + "?page_token=nonsense&page_size=0");

        assertThat(cluster.status()).isEqualTo(404);
        for (Response response : List.of(events, eventsWithABadToken)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString())
                    .isEqualTo(cluster.json().get("type").asString())
                    .isEqualTo("urn:dbaas:problem:cluster-not-found");
            assertThat(response.body()).doesNotContain("provisioning_started");
        }
    }

    @Test
    void aClusterThatDoesNotExistIsNotFound() {
        Response response = get("/v1/clusters/" + UUID.randomUUID() + "/events");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page_size=0", "page_size=101", "page_size=ten", "page_token=not-a-token"})
    void badPagingIsRefusedAsAProblemNamingTheParameter(String query) {
        Response response = get(eventsPath() + "?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactly(query.substring(0, query.indexOf('=')));
    }

    @Test
    void aPageOfAtMost100IsServedAndTheDefaultIs20() {
        for (int i = 0; i < 21; i++) {
            nebula.publish(new ClusterCommandDeferred(
                    UUID.randomUUID(), at(i), causedBy(creation), clusterId, "minikube", "local", "wait", i, at(60)));
        }
        UUID last = UUID.randomUUID();
        deliver(new ClusterFailed(last, at(30), causedBy(creation), clusterId, "gave up"));

        JsonNode defaultPage = get(eventsPath()).json();
        JsonNode largest = get(eventsPath() + "?page_size=100").json();

        assertThat(defaultPage.get("items").size()).isEqualTo(20);
        assertThat(defaultPage.get("next_page_token").isNull()).isFalse();
        assertThat(largest.get("items").size()).isEqualTo(22);
        assertThat(largest.get("items").get(0).get("id").asString()).isEqualTo(last.toString());
    }

    @Test
    void theEndpointIsDescribedInTheApiDocumentWithItsParametersAndRefusals() {
        JsonNode events = anonymous()
                .get("/v3/api-docs")
                .json()
                .get("paths")
                .get("/v1/clusters/{clusterId}/events")
                .get("get");

        assertThat(events.get("description").asString())
                .contains("newest first")
                .contains("role viewer");
        assertThat(events.get("parameters").findValuesAsString("name"))
                .containsExactlyInAnyOrder("clusterId", "page_size", "page_token");
        assertThat(events.get("responses").propertyNames()).contains("200", "400", "404");
    }
}

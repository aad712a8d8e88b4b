package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterSpec;
import io.dbaas.orion.cluster.Clusters;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/clusters}: the caller's clusters only, newest first, filtered, a page at a time. */
class ClusterListTests extends OrionIntegrationTests {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    Clusters clusters;

    @Test
    void pagesCoverEveryClusterOnceNewestFirst() {
        var expected = new ArrayList<Cluster>();
        for (int i = 0; i < 5; i++) {
            expected.add(save(Engine.QDRANT, "minikube", "local", T0.plusSeconds(i)));
        }
        // Two claims in the same microsecond: the id breaks the tie, so neither is skipped nor repeated.
        expected.add(save(Engine.QDRANT, "minikube", "local", T0.plusSeconds(2)));
        expected.sort(Comparator.comparing(Cluster::createdAt)
                .thenComparing(cluster -> cluster.id().toString())
                .reversed());

        var seen = new ArrayList<String>();
        var pageSizes = new ArrayList<Integer>();
        String token = null;
        do {
            Response page = get("/v1/clusters?page_size=4" + (token == null ? "" : "&page_token=" + token));
            assertThat(page.status()).isEqualTo(200);
            JsonNode items = page.json().get("items");
            pageSizes.add(items.size());
            items.forEach(item -> seen.add(item.get("id").asString()));
            JsonNode next = page.json().get("next_page_token");
            token = next == null || next.isNull() ? null : next.asString();
        } while (token != null);

        assertThat(pageSizes).containsExactly(4, 2);
        assertThat(seen)
                .containsExactlyElementsOf(expected.stream()
                        .map(cluster -> cluster.id().toString())
                        .toList());
    }

    @Test
    void defaultPageHoldsTwentyAndSaysWhetherMoreFollow() {
        for (int i = 0; i < 21; i++) {
            save(Engine.QDRANT, "minikube", "local", T0.plusSeconds(i));
        }

        JsonNode first = get("/v1/clusters").json();

        assertThat(first.get("items")).hasSize(20);
        assertThat(first.get("next_page_token").asString()).isNotBlank();
        JsonNode last = get("/v1/clusters?page_token="
                        + first.get("next_page_token").asString())
                .json();
        assertThat(last.get("items")).hasSize(1);
        assertThat(last.get("next_page_token") == null
                        || last.get("next_page_token").isNull())
                .isTrue();
    }

    @Test
    void stateFilterKeepsOnlyThatState() {
        Cluster running = save(Engine.QDRANT, "minikube", "local", T0);
        running.markRunning(1, "sealed", T0);
        clusters.save(running);
        Cluster failed = save(Engine.QDRANT, "minikube", "local", T0);
        failed.markFailed("broken", T0);
        clusters.save(failed);
        Cluster pending = save(Engine.QDRANT, "minikube", "local", T0);

        assertThat(ids("?state=RUNNING")).containsExactly(running.id().toString());
        assertThat(ids("?state=failed")).containsExactly(failed.id().toString());
        assertThat(ids("?state=PENDING")).containsExactly(pending.id().toString());
    }

    @Test
    void engineFilterKeepsOnlyThatEngine() {
        Cluster qdrant = save(Engine.QDRANT, "minikube", "local", T0);
        Cluster elasticsearch = save(Engine.ELASTICSEARCH, "minikube", "local", T0);

        assertThat(ids("?engine=qdrant")).containsExactly(qdrant.id().toString());
        assertThat(ids("?engine=elasticsearch"))
                .containsExactly(elasticsearch.id().toString());
    }

    @Test
    void providerAndRegionFiltersKeepOnlyThosePlaces() {
        Cluster local = save(Engine.QDRANT, "minikube", "local", T0);
        Cluster dublin = save(Engine.QDRANT, "aws", "eu-west-1", T0);
        Cluster virginia = save(Engine.QDRANT, "aws", "us-east-1", T0);

        assertThat(ids("?provider=minikube")).containsExactly(local.id().toString());
        assertThat(ids("?provider=aws"))
                .containsExactlyInAnyOrder(dublin.id().toString(), virginia.id().toString());
        assertThat(ids("?region=eu-west-1")).containsExactly(dublin.id().toString());
        assertThat(ids("?provider=aws&region=us-east-1"))
                .containsExactly(virginia.id().toString());
        assertThat(ids("?provider=minikube&region=us-east-1")).isEmpty();
    }

    @Test
    void anotherAccountsClustersAreNeverListed() {
        TestAccount other = openAccount("other");
        as(other.adminToken()).post("/v1/clusters", Claims.VALID);
        String mine = post("/v1/clusters", Claims.VALID).json().get("id").asString();

        assertThat(ids("")).containsExactly(mine);
        assertThat(ids("?provider=minikube&region=local&engine=qdrant&state=PENDING"))
                .containsExactly(mine);
    }

    @Test
    void viewerMayList() {
        String mine = post("/v1/clusters", Claims.VALID).json().get("id").asString();

        Response listed = as(credential("viewer")).get("/v1/clusters");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items").findValuesAsString("id")).containsExactly(mine);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "page_size=0, page_size",
        "page_size=101, page_size",
        "page_size=ten, page_size",
        "state=SLEEPING, state",
        "engine=mongodb, engine",
        "page_token=bm90IGEgdG9rZW4, page_token",
        "page_token=%25%25, page_token"
    })
    void wrongParameterIsRefusedByName(String parameter, String field) {
        Response response = get("/v1/clusters?" + parameter);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly(field);
    }

    private List<String> ids(String query) {
        Response response = get("/v1/clusters" + query);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("items").findValuesAsString("id");
    }

    private Cluster save(Engine engine, String provider, String region, Instant createdAt) {
        UUID id = UUID.randomUUID();
        var spec = new ClusterSpec(
                "listed",
                engine,
                "1.0.0",
                1,
                Quantity.of("1"),
                Quantity.of("1Gi"),
                Quantity.of("1Gi"),
                provider,
                region);
        return clusters.save(Cluster.claim(
                id,
                account.id(),
                spec,
                id + "." + region + "." + provider + ".test",
                createdAt.truncatedTo(ChronoUnit.MICROS)));
    }
}

package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The smallest node the catalog allows (1Gi, Orion's minimum for Elasticsearch), its memory limit enforced by a memory
 * cgroup as a container runtime enforces it: under indexing and searching, the kernel never kills it.
 */
class ElasticsearchMemoryIT extends RealElasticsearchTest {

    private static final int DOCUMENTS = 60_000;
    private static final int BATCH = 2_000;

    @Test
    void theSmallestNodeIsNotOomKilledWhileIndexingAndSearching() {
        UUID clusterId = provision(3);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            assumeTrue(pods.residentMemoryBytes(0).isPresent(), "this machine enforces containers' memory limits");
            RealNodes nodes = new RealNodes(client, clusterId);

            for (int from = 0; from < DOCUMENTS; from += BATCH) {
                var bulk = nodes.send(from / BATCH % 3, "POST", "load/_bulk", batch(from));
                assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
                assertThat(bulk.body()).contains("\"errors\":false");
            }
            nodes.send(0, "POST", "load/_refresh", null);
            Instant until = Instant.now().plus(Duration.ofSeconds(30));
            for (int query = 0; Instant.now().isBefore(until); query++) {
                var search = nodes.send(query % 3, "POST", "load/_search", """
                        {"size": 50, "query": {"match": {"text": "word%d"}},
                         "aggs": {"tags": {"terms": {"field": "tag.keyword", "size": 500}},
                                  "histogram": {"histogram": {"field": "n", "interval": 100}}}}""".formatted(query % 100));
                assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            }

            for (int ordinal = 0; ordinal < 3; ordinal++) {
                System.out.printf(
                        "Elasticsearch %s node %d at 1Gi: resident memory %d MiB after %d documents and 30 s of"
                                + " searches%n",
                        version(), ordinal, pods.residentMemoryBytes(ordinal).orElseThrow() / (1024 * 1024), DOCUMENTS);
                assertThat(pods.oomKills(ordinal))
                        .as("OOM kills of pod %d", ordinal)
                        .isZero();
                assertThat(pods.restarts(ordinal))
                        .as("restarts of pod %d", ordinal)
                        .isZero();
            }
            assertThat(pods.readyPods()).isEqualTo(3);
        }
    }

    private static String batch(int from) {
        StringBuilder bulk = new StringBuilder();
        IntStream.range(from, from + BATCH).forEach(n -> bulk.append("{\"index\":{\"_id\":\"")
                .append(n)
                .append("\"}}\n{\"n\":")
                .append(n)
                .append(",\"tag\":\"tag")
                .append(n % 400)
                .append("\",\"text\":\"")
                .append("word")
                .append(n % 100)
                .append(" the quick brown fox jumps over the lazy dog ")
                .append(n)
                .append("\"}\n"));
        return bulk.toString();
    }
}

package io.dbaas.orion.cluster.web;

import io.dbaas.orion.cluster.ClusterPage;
import io.dbaas.orion.operation.Operation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One page of clusters, newest first. {@code next_page_token} is absent on the last page; pass it back as
 * {@code page_token} for the next one.
 */
record ClusterListResponse(
        List<ClusterResponse> items, @Nullable String nextPageToken) {

    static ClusterListResponse of(ClusterPage page, Map<UUID, Operation> inProgress) {
        return new ClusterListResponse(
                page.clusters().stream()
                        .map(cluster -> ClusterResponse.of(cluster, inProgress.get(cluster.id())))
                        .toList(),
                page.nextPageToken().orElse(null));
    }
}

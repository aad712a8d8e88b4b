package io.dbaas.orion.cluster.web;

import io.dbaas.orion.cluster.ClusterPage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of clusters, newest first. {@code next_page_token} is absent on the last page; pass it back as
 * {@code page_token} for the next one. Listed clusters leave out their operation under way ({@code operation} is
 * {@code null}): reading one cluster shows it.
 */
record ClusterListResponse(
        List<ClusterResponse> items, @Nullable String nextPageToken) {

    static ClusterListResponse of(ClusterPage page) {
        return new ClusterListResponse(
                page.clusters().stream()
                        .map(cluster -> ClusterResponse.of(cluster, null))
                        .toList(),
                page.nextPageToken().orElse(null));
    }
}

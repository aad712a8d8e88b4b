package io.dbaas.orion.events.web;

import io.dbaas.orion.events.ClusterEventPage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cluster's events, newest first. {@code next_page_token} is absent on the last page; pass it back as
 * {@code page_token} for the next one.
 */
record ClusterEventListResponse(
        List<ClusterEventResponse> items, @Nullable String nextPageToken) {

    static ClusterEventListResponse of(ClusterEventPage page) {
        return new ClusterEventListResponse(
                page.events().stream().map(ClusterEventResponse::of).toList(),
                page.nextPageToken().orElse(null));
    }
}

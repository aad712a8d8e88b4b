package io.dbaas.orion.events;

import java.util.List;
import java.util.Optional;

/** One page of a cluster's events, newest first, and the token of the next page when there is one. */
public record ClusterEventPage(List<RecordedClusterEvent> events, Optional<String> nextPageToken) {}

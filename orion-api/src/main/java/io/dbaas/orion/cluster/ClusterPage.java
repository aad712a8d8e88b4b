package io.dbaas.orion.cluster;

import java.util.List;
import java.util.Optional;

/** One page of clusters, newest first, and the token of the next page when there is one. */
public record ClusterPage(List<Cluster> clusters, Optional<String> nextPageToken) {}

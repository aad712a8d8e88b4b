package io.dbaas.orion.cluster;

import org.jspecify.annotations.Nullable;

/**
 * A list request as the client wrote it: filters and paging, each possibly absent or wrong until
 * {@link ClusterListing} has checked it.
 */
public record ClusterQuery(
        @Nullable String state,
        @Nullable String engine,
        @Nullable String provider,
        @Nullable String region,
        @Nullable Integer pageSize,
        @Nullable String pageToken) {}

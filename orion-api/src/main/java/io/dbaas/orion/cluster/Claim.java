package io.dbaas.orion.cluster;

import org.jspecify.annotations.Nullable;

/**
 * A cluster claim as the client wrote it; every field may be missing or wrong until {@link ClaimValidator} says
 * otherwise.
 */
public record Claim(
        @Nullable String name,
        @Nullable String engine,
        @Nullable String version,
        @Nullable Integer nodes,
        @Nullable String cpu,
        @Nullable String memory,
        @Nullable String disk,
        @Nullable String provider,
        @Nullable String region,
        @Nullable RestoreFrom restoreFrom) {

    /** The backup a new cluster starts from, by its id ({@code GET /v1/backups} lists the account's). */
    public record RestoreFrom(@Nullable String backupId) {}
}

package io.dbaas.orion.backup;

import org.jspecify.annotations.Nullable;

/** A policy as a client wrote it; every field may be missing or wrong until {@link BackupRequests} says otherwise. */
public record PolicyChange(
        @Nullable Boolean enabled,
        @Nullable String interval,
        @Nullable Integer retention) {}

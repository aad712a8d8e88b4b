package io.dbaas.orion.audit;

import io.dbaas.orion.shared.PageToken;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A checked audit query: every filter set must match; {@code accountId} null means every account (operators). */
record AuditFilter(
        @Nullable UUID accountId,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String action,
        @Nullable UUID actor,
        @Nullable AuditOutcome outcome,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable PageToken after) {}

package io.dbaas.orion.audit;

import org.jspecify.annotations.Nullable;

/**
 * An audit list request as the client wrote it, each parameter possibly absent or wrong until {@link AuditLog} has
 * checked it. {@code since} and {@code until} are RFC 3339 instants; {@code until} is exclusive.
 */
public record AuditQuery(
        @Nullable String accountId,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String action,
        @Nullable String actor,
        @Nullable String outcome,
        @Nullable String since,
        @Nullable String until,
        @Nullable Integer pageSize,
        @Nullable String pageToken) {}

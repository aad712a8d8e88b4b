package io.dbaas.orion.events.web;

import io.dbaas.orion.events.RecordedClusterEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One thing that happened to a cluster, as clients read it. Fields an event does not say are {@code null}. */
record ClusterEventResponse(
        @Schema(description = "The event's id; the same event is never listed twice.")
        UUID id,

        @Schema(
                description = "What happened.",
                allowableValues = {
                    "provisioning_started",
                    "provisioned",
                    "degraded",
                    "recovered",
                    "scaled",
                    "upgraded",
                    "change_failed",
                    "failed",
                    "deletion_started",
                    "deleted",
                    "command_deferred"
                })
        String type,

        @Schema(description = "When it happened, as the provisioner reported it.")
        Instant occurredAt,

        @Schema(
                description = "Why, in a sentence for people: for degraded, change_failed, failed and"
                        + " command_deferred. At most 1024 characters.")
        @Nullable
        String reason,

        @Schema(description = "The engine version the cluster runs after scaled or upgraded.") @Nullable
        String engineVersion,

        @Schema(description = "The number of nodes after scaled or upgraded.") @Nullable
        Integer nodeCount,

        @Schema(description = "How many nodes were ready: provisioned, degraded, recovered, scaled, upgraded.")
        @Nullable
        Integer nodesReady,

        @Schema(description = "The operation (GET /v1/operations/{id}) the event reports on, when known.") @Nullable
        UUID operationId,

        @Schema(description = "For command_deferred: when the provisioner tries the command again.") @Nullable
        Instant nextAttemptAt) {

    static ClusterEventResponse of(RecordedClusterEvent event) {
        return new ClusterEventResponse(
                event.id(),
                event.type().wireName(),
                event.occurredAt(),
                event.reason(),
                event.engineVersion(),
                event.nodeCount(),
                event.nodesReady(),
                event.operationId(),
                event.nextAttemptAt());
    }
}

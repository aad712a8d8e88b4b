package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Nebula could not carry out a command yet (the command named by {@code metadata.causation_id}) because of a failure
 * that may pass — the region's Kubernetes API unreachable, timing out, answering 5xx or 429 — and will try again at
 * {@code nextAttemptAt}. The command is kept, not dropped: it ends in the event it would have caused, or in a failure
 * once Nebula's retry horizon has passed. Published after every failed attempt, each with its own id.
 *
 * @param cloudProvider the provider of the region Nebula waits for
 * @param cloudRegion the region Nebula waits for
 * @param reason a sentence for a human, free of secrets: {@code Waiting for the Kubernetes API of gcp/europe-west4,
 *     next attempt at …}, with what went wrong last
 * @param attempts how many attempts failed so far
 * @param nextAttemptAt when Nebula tries again
 */
@JsonTypeName(ClusterCommandDeferred.NAME)
public record ClusterCommandDeferred(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID clusterId,
        String cloudProvider,
        String cloudRegion,
        String reason,
        int attempts,
        Instant nextAttemptAt)
        implements ClusterEvent {

    public static final String NAME = "ClusterCommandDeferred";
    public static final String SCHEMA_ID = "dbaas.event.cluster-command-deferred.v1";

    public ClusterCommandDeferred {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(cloudProvider, "cloudProvider");
        Objects.requireNonNull(cloudRegion, "cloudRegion");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String schemaId() {
        return SCHEMA_ID;
    }
}

package io.dbaas.orion.operation.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.RequestedChange;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * An operation as clients see it. {@code kind} is {@code create}, {@code scale}, {@code upgrade}, {@code delete} or {@code backup};
 * {@code state} is {@code pending}, {@code running}, {@code succeeded} or {@code failed}, with {@code error} saying why
 * it failed. {@code requested} holds the fields the client asked to change. {@code waiting}, while not null, says
 * why the provisioner has not carried the operation out yet and when it tries again (its region's Kubernetes API is
 * unreachable, for example); the operation is not failed, and ends as soon as the region answers.
 */
@NamedInterface("responses")
public record OperationResponse(
        UUID id,
        UUID clusterId,
        String kind,
        String state,
        @Nullable String error,
        @Nullable Waiting waiting,
        Requested requested,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    /** What the provisioner waits for before it tries again. */
    public record Waiting(String reason, Instant nextAttemptAt) {}

    /** What the client asked for; fields it did not name are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Requested(
            @Nullable String version,
            @Nullable Integer nodes,
            @Nullable String cpu,
            @Nullable String memory,
            @Nullable String disk) {

        static Requested of(RequestedChange change) {
            return new Requested(change.version(), change.nodes(), change.cpu(), change.memory(), change.disk());
        }
    }

    public static OperationResponse of(Operation operation) {
        return new OperationResponse(
                operation.id(),
                operation.clusterId(),
                operation.kind().name().toLowerCase(Locale.ROOT),
                operation.state().name().toLowerCase(Locale.ROOT),
                operation.error().orElse(null),
                operation
                        .waitingReason()
                        .map(reason ->
                                new Waiting(reason, operation.nextAttemptAt().orElse(operation.createdAt())))
                        .orElse(null),
                Requested.of(operation.requested()),
                operation.createdAt(),
                operation.startedAt().orElse(null),
                operation.finishedAt().orElse(null));
    }

    /** Where the operation is read. */
    public static String location(Operation operation) {
        return "/v1/operations/" + operation.id();
    }
}

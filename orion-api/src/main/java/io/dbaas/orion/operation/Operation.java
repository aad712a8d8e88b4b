package io.dbaas.orion.operation;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * One accepted change of a cluster and how far it got. Its id is the id of the command it sent to Nebula. Once done
 * ({@code SUCCEEDED} or {@code FAILED}) it stays done, except that a creation reported failed too early succeeds after
 * all when the cluster turns out to run, as the cluster itself does.
 */
@Entity
@Table(name = "operations")
public class Operation implements Persistable<UUID> {

    @Id
    private UUID id;

    private UUID clusterId;
    private UUID accountId;

    @Enumerated(EnumType.STRING)
    private OperationKind kind;

    @Enumerated(EnumType.STRING)
    private OperationState state;

    private @Nullable String error;

    /** While Nebula waits to carry the command out (its region unreachable): why, and until when. */
    private @Nullable String waitingReason;

    private @Nullable Instant nextAttemptAt;

    @Embedded
    private @Nullable RequestedChange requested;

    private Instant createdAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;

    /** See {@code Cluster#isNew}: the id is assigned, so Spring Data needs telling that the row is new. */
    @Transient
    private boolean isNew;

    @SuppressWarnings("NullAway.Init")
    protected Operation() {}

    private Operation(
            UUID id, UUID clusterId, UUID accountId, OperationKind kind, RequestedChange requested, Instant now) {
        this.id = id;
        this.clusterId = clusterId;
        this.accountId = accountId;
        this.kind = kind;
        this.state = OperationState.PENDING;
        this.requested = requested;
        this.createdAt = now;
        this.isNew = true;
    }

    /** A new operation, pending until Nebula reports on the command with the same id. */
    public static Operation accept(
            UUID id, UUID clusterId, UUID accountId, OperationKind kind, RequestedChange requested, Instant now) {
        return new Operation(id, clusterId, accountId, kind, requested, now);
    }

    /** Nebula started on it. Ignored once done: that news is newer. */
    public void start(Instant at) {
        if (state == OperationState.PENDING) {
            state = OperationState.RUNNING;
            startedAt = at;
        }
    }

    /**
     * Nebula could not carry the command out yet and tries again at {@code nextAttempt}: the operation runs, and says
     * what it waits for. Ignored once done.
     */
    public void waitFor(String why, Instant nextAttempt, Instant at) {
        if (!state.inProgress()) {
            return;
        }
        start(at);
        waitingReason = why;
        nextAttemptAt = nextAttempt;
    }

    public void succeed(Instant at) {
        if (state == OperationState.SUCCEEDED) {
            return;
        }
        stopWaiting();
        if (startedAt == null) {
            startedAt = at;
        }
        state = OperationState.SUCCEEDED;
        error = null;
        finishedAt = at;
    }

    /** Refused or failed; {@code why} is a sentence for people, free of secrets. Ignored once done. */
    public void fail(String why, Instant at) {
        if (!state.inProgress()) {
            return;
        }
        stopWaiting();
        state = OperationState.FAILED;
        error = why;
        finishedAt = at;
    }

    private void stopWaiting() {
        waitingReason = null;
        nextAttemptAt = null;
    }

    public UUID id() {
        return id;
    }

    public UUID clusterId() {
        return clusterId;
    }

    public UUID accountId() {
        return accountId;
    }

    public OperationKind kind() {
        return kind;
    }

    public OperationState state() {
        return state;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** Why Nebula has not carried the command out yet, while it waits to try again. */
    public Optional<String> waitingReason() {
        return Optional.ofNullable(waitingReason);
    }

    public Optional<Instant> nextAttemptAt() {
        return Optional.ofNullable(nextAttemptAt);
    }

    public RequestedChange requested() {
        return requested == null ? RequestedChange.NOTHING : requested;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    void persisted() {
        isNew = false;
    }
}

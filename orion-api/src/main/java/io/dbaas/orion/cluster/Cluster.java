package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.capacity.Resources;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * A claimed database cluster and its status as last reported by Nebula. Changes state only through its methods.
 *
 * <p>It holds two shapes: the one asked for ({@code engineVersion}, {@code nodes}, {@code cpu}, {@code memory},
 * {@code disk}), from which every command is built, and the one Nebula last confirmed running ({@code running}). They
 * differ only while a change is under way ({@code UPDATING}); a change that completes makes the running shape the asked
 * one, a change that fails puts the asked shape back to the running one.
 */
@Entity
@Table(name = "clusters")
public class Cluster implements Persistable<UUID> {

    @Id
    private UUID id;

    private UUID accountId;
    private String name;

    @Enumerated(EnumType.STRING)
    private Engine engine;

    private String engineVersion;
    private String provider;
    private String region;
    private int nodes;
    private String cpu;
    private String memory;
    private String disk;

    @Embedded
    @AttributeOverride(name = "version", column = @Column(name = "running_version"))
    @AttributeOverride(name = "nodes", column = @Column(name = "running_nodes"))
    @AttributeOverride(name = "cpu", column = @Column(name = "running_cpu"))
    @AttributeOverride(name = "memory", column = @Column(name = "running_memory"))
    @AttributeOverride(name = "disk", column = @Column(name = "running_disk"))
    private ClusterShape running;

    private String endpoint;

    @Enumerated(EnumType.STRING)
    private ClusterState state;

    private String reason;
    private int nodesReady;

    @Column(name = "sealed_master_key")
    private @Nullable String sealedMasterKey;

    /** The backup the cluster was claimed to start from; null for a cluster that started empty. */
    private @Nullable String restoredFromBackupId;

    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private long lockVersion;

    /**
     * Whether this is a new object not yet inserted. Its id is assigned, so without this Spring Data would take it for
     * an existing row and merge it, reading the row before inserting it.
     */
    @Transient
    private boolean isNew;

    @SuppressWarnings("NullAway.Init")
    protected Cluster() {}

    private Cluster(UUID id, UUID accountId, ClusterSpec spec, String endpoint, Instant now) {
        this.id = id;
        this.accountId = accountId;
        this.name = spec.name();
        this.engine = spec.engine();
        this.engineVersion = spec.version();
        this.provider = spec.provider();
        this.region = spec.region();
        this.nodes = spec.nodes();
        this.cpu = spec.cpu().text();
        this.memory = spec.memory().text();
        this.disk = spec.disk().text();
        this.running = ClusterShape.of(spec);
        this.endpoint = endpoint;
        this.state = ClusterState.PENDING;
        this.reason = "Claim accepted; waiting for the provisioner to start.";
        this.createdAt = now;
        this.updatedAt = now;
        this.restoredFromBackupId =
                spec.restoreFrom() == null ? null : spec.restoreFrom().backupId();
        this.isNew = true;
    }

    /** A new cluster, claimed and not yet provisioned. */
    public static Cluster claim(UUID id, UUID accountId, ClusterSpec spec, String endpoint, Instant now) {
        return new Cluster(id, accountId, spec, endpoint, now);
    }

    /** The region cannot hold the cluster yet; nothing is provisioned until capacity admits it. */
    public void waitForCapacity(String why, Instant at) {
        if (state != ClusterState.PENDING) {
            throw new IllegalStateException("cluster " + id + " is " + state + ", not a fresh claim");
        }
        changeState(ClusterState.WAITING_FOR_CAPACITY, why, at);
    }

    /** Capacity was added or freed and allocated to this cluster: its provisioning command goes out now. */
    public void admit(Instant at) {
        if (state != ClusterState.WAITING_FOR_CAPACITY) {
            throw new IllegalStateException("cluster " + id + " is " + state + ", not waiting for capacity");
        }
        changeState(ClusterState.PENDING, "Capacity allocated; waiting for the provisioner to start.", at);
    }

    /** Nebula started creating the cluster. Ignored once the cluster is running or failed: that news is newer. */
    public void markProvisioning(Instant at) {
        if (state == ClusterState.PENDING) {
            changeState(ClusterState.PROVISIONING, "Creating the cluster's resources and waiting for its nodes.", at);
        }
    }

    /**
     * Nebula could not carry out the cluster's last command yet and will try again: a cluster that is being created,
     * changed or deleted stays so, and its reason says what Nebula waits for and when it tries next. A claim Nebula had
     * not announced yet is provisioning from now on. Ignored in any other state: that news is newer.
     */
    public void markWaiting(String why, Instant at) {
        switch (state) {
            case PENDING -> changeState(ClusterState.PROVISIONING, why, at);
            case PROVISIONING, UPDATING, DELETING -> changeState(state, why, at);
            default -> {}
        }
    }

    /**
     * Every node is ready; keeps the sealed master key that API keys derive from. Returns {@code false}, changing
     * nothing, when the cluster is being deleted or is gone: a late report of its creation must not bring it back.
     */
    public boolean markRunning(int nodesReady, String sealedMasterKey, Instant at) {
        if (isBeingDeletedOrGone()) {
            return false;
        }
        this.nodesReady = nodesReady;
        this.sealedMasterKey = sealedMasterKey;
        changeState(ClusterState.RUNNING, "All %d of %d nodes are ready.".formatted(nodesReady, nodes), at);
        return true;
    }

    /** Provisioning failed. Returns {@code false}, changing nothing, when the cluster is being deleted or is gone. */
    public boolean markFailed(String reason, Instant at) {
        if (isBeingDeletedOrGone()) {
            return false;
        }
        this.nodesReady = 0;
        changeState(ClusterState.FAILED, reason, at);
        return true;
    }

    /** Whether a scale, resize, upgrade or deletion may start: the cluster serves, fully or degraded. */
    public boolean isChangeable() {
        return state == ClusterState.RUNNING || state == ClusterState.DEGRADED;
    }

    /** Whether a deletion may start: the cluster serves, failed, or never left the queue for capacity. */
    public boolean isDeletable() {
        return isChangeable() || state == ClusterState.FAILED || state == ClusterState.WAITING_FOR_CAPACITY;
    }

    /** A scale, resize or upgrade was accepted: the cluster is asked to become {@code desired}. */
    void change(ClusterShape desired, String why, Instant at) {
        requireState(isChangeable(), "changeable");
        this.engineVersion = desired.version();
        this.nodes = desired.nodes();
        this.cpu = desired.cpu();
        this.memory = desired.memory();
        this.disk = desired.disk();
        changeState(ClusterState.UPDATING, why, at);
    }

    /**
     * Nebula carried out a change: the cluster runs {@code version} on {@code numNodes} nodes, with the resources asked.
     * Returns {@code false}, changing nothing, while the cluster is being deleted or is gone.
     */
    public boolean markUpdated(String version, int numNodes, int nodesReady, Instant at) {
        if (isBeingDeletedOrGone()) {
            return false;
        }
        this.running = desired().withVersionAndNodes(version, numNodes);
        takeShape(running);
        this.nodesReady = nodesReady;
        changeState(
                ClusterState.RUNNING,
                "Change complete: %s on %d node(s) of %s CPU, %s memory and %s disk; %d ready."
                        .formatted(version, numNodes, cpu, memory, disk, nodesReady),
                at);
        return true;
    }

    /**
     * Nebula refused or could not carry out a change (or a deletion): the cluster keeps serving with the shape it had,
     * {@code DEGRADED} if not every node is ready, {@code FAILED} if none is. Returns {@code false}, changing nothing,
     * unless the cluster is updating or being deleted.
     */
    public boolean revertChange(String why, Instant at) {
        if (state == ClusterState.DELETING) {
            // A refused deletion: the cluster is as it was, serving as far as its ready nodes say.
            changeState(servingState(), "The deletion was not carried out (" + why + ").", at);
            return true;
        }
        if (state != ClusterState.UPDATING) {
            return false;
        }
        takeShape(running);
        String reason = "The change was not made (" + why + "); the cluster keeps its previous shape.";
        changeState(servingState(), reason, at);
        return true;
    }

    private ClusterState servingState() {
        if (nodesReady >= running.nodes()) {
            return ClusterState.RUNNING;
        }
        return nodesReady > 0 ? ClusterState.DEGRADED : ClusterState.FAILED;
    }

    /**
     * Fewer nodes are ready than should be. A serving cluster becomes {@code DEGRADED}; one that is updating or being
     * deleted keeps its state, and only its ready nodes and reason move.
     */
    public void markDegraded(int nodesReady, String why, Instant at) {
        switch (state) {
            case RUNNING, DEGRADED -> {
                this.nodesReady = nodesReady;
                changeState(ClusterState.DEGRADED, why, at);
            }
            case UPDATING, DELETING, PROVISIONING -> {
                this.nodesReady = nodesReady;
                changeState(state, why, at);
            }
            default -> {}
        }
    }

    /** Every node is ready again. */
    public void markRecovered(int nodesReady, Instant at) {
        String why = "All %d of %d nodes are ready again.".formatted(nodesReady, running.nodes());
        switch (state) {
            case DEGRADED -> {
                this.nodesReady = nodesReady;
                changeState(ClusterState.RUNNING, why, at);
            }
            case UPDATING, DELETING -> {
                this.nodesReady = nodesReady;
                changeState(state, why, at);
            }
            default -> {}
        }
    }

    /**
     * A deletion was accepted; its command is on its way to Nebula. A cluster still {@code PROVISIONING} is deleted only
     * while Nebula waits for its region, which the caller checks on the creation's operation.
     */
    void startDeleting(Instant at) {
        requireState(
                (isDeletable() && state != ClusterState.WAITING_FOR_CAPACITY) || state == ClusterState.PROVISIONING,
                "deletable through Nebula");
        changeState(ClusterState.DELETING, "Deletion accepted; waiting for the provisioner to start.", at);
    }

    /** A cluster that never left the queue for capacity has nothing to remove: it is gone at once. */
    void deleteBeforeProvisioning(Instant at) {
        requireState(state == ClusterState.WAITING_FOR_CAPACITY, "waiting for capacity");
        changeState(ClusterState.DELETED, "Deleted before capacity admitted it; nothing was provisioned.", at);
    }

    /** Nebula is removing the cluster's objects; it no longer serves. */
    public void markDeletionStarted(Instant at) {
        if (state == ClusterState.DELETING) {
            this.nodesReady = 0;
            changeState(ClusterState.DELETING, "Removing the cluster's resources.", at);
        }
    }

    /** Every object of the cluster is gone from its region. */
    public void markDeleted(Instant at) {
        if (state != ClusterState.DELETED) {
            this.nodesReady = 0;
            changeState(ClusterState.DELETED, "Deleted; its resources are gone and its capacity is free.", at);
        }
    }

    private boolean isBeingDeletedOrGone() {
        return state == ClusterState.DELETING || state == ClusterState.DELETED;
    }

    private void takeShape(ClusterShape shape) {
        this.engineVersion = shape.version();
        this.nodes = shape.nodes();
        this.cpu = shape.cpu();
        this.memory = shape.memory();
        this.disk = shape.disk();
    }

    private void requireState(boolean allowed, String expected) {
        if (!allowed) {
            throw new IllegalStateException("cluster " + id + " is " + state + ", not " + expected);
        }
    }

    private void changeState(ClusterState newState, String newReason, Instant at) {
        this.state = newState;
        this.reason = newReason;
        this.updatedAt = at;
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public String name() {
        return name;
    }

    public Engine engine() {
        return engine;
    }

    public String engineVersion() {
        return engineVersion;
    }

    public String provider() {
        return provider;
    }

    public String region() {
        return region;
    }

    public int nodes() {
        return nodes;
    }

    public String cpu() {
        return cpu;
    }

    public String memory() {
        return memory;
    }

    public String disk() {
        return disk;
    }

    public ProviderRegion placement() {
        return new ProviderRegion(provider, region);
    }

    /** What the cluster takes of its region when it has the shape asked for. */
    public Resources demand() {
        return desired().demand();
    }

    /** The shape asked for: what the cluster runs, or will once the change under way is done. */
    public ClusterShape desired() {
        return new ClusterShape(engineVersion, nodes, cpu, memory, disk);
    }

    /** The shape Nebula last confirmed running (before provisioning: the shape claimed). */
    public ClusterShape running() {
        return running;
    }

    /** A strong entity tag of the cluster as it is now: its row version, which every change moves. */
    public String etag() {
        return "\"" + lockVersion + "\"";
    }

    public String endpoint() {
        return endpoint;
    }

    public ClusterState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public int nodesReady() {
        return nodesReady;
    }

    /** The sealed master key, present once the cluster has run. */
    public Optional<String> restoredFromBackupId() {
        return Optional.ofNullable(restoredFromBackupId);
    }

    public Optional<String> sealedMasterKey() {
        return Optional.ofNullable(sealedMasterKey);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
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

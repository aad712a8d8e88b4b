package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.capacity.Resources;
import jakarta.persistence.Column;
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

/** A claimed database cluster and its status as last reported by Nebula. Changes state only through its methods. */
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
    private String endpoint;

    @Enumerated(EnumType.STRING)
    private ClusterState state;

    private String reason;
    private int nodesReady;

    @Column(name = "sealed_master_key")
    private @Nullable String sealedMasterKey;

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
        this.endpoint = endpoint;
        this.state = ClusterState.PENDING;
        this.reason = "Claim accepted; waiting for the provisioner to start.";
        this.createdAt = now;
        this.updatedAt = now;
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

    /** Every node is ready; keeps the sealed master key that API keys derive from. */
    public void markRunning(int nodesReady, String sealedMasterKey, Instant at) {
        this.nodesReady = nodesReady;
        this.sealedMasterKey = sealedMasterKey;
        changeState(ClusterState.RUNNING, "All %d of %d nodes are ready.".formatted(nodesReady, nodes), at);
    }

    public void markFailed(String reason, Instant at) {
        this.nodesReady = 0;
        changeState(ClusterState.FAILED, reason, at);
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

    /** What the cluster takes of its region: every node's resources together. */
    public Resources demand() {
        return Resources.of(Quantity.of(cpu), Quantity.of(memory), Quantity.of(disk))
                .times(nodes);
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

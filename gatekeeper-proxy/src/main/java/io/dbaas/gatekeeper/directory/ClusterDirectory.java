package io.dbaas.gatekeeper.directory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The clusters GateKeeper knows, by public host and by id, and the API keys revoked for each.
 *
 * <p>Reads are lock-free because they happen on every request, on event-loop threads. Writes come from the event
 * listeners and are serialized, so that the two indexes (by host, by cluster) never disagree for a writer; a reader
 * sees either the old or the new entry of a host, never a mix.
 */
public final class ClusterDirectory {

    /** A revocation of a key without expiry is kept for as long as the cluster is known. */
    private static final Instant NEVER = Instant.MAX;

    private final Map<String, ClusterEntry> byHost = new ConcurrentHashMap<>();
    private final Map<UUID, ClusterEntry> byCluster = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, Instant>> revokedKeys = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** The route for a request host, when that cluster is running; compared case-insensitively, without trailing dot. */
    public Optional<ClusterRoute> find(String host) {
        return lookup(host).map(ClusterEntry::routable);
    }

    /** Whatever the directory knows of the cluster at exactly this host, in any state. */
    public Optional<ClusterEntry> lookup(String host) {
        return Optional.ofNullable(byHost.get(ClusterRoute.normalizeHost(host)));
    }

    /**
     * A cluster known by id only (its provisioning has started, it has never been routable), for a host whose first
     * label names it. A cluster that had a route answers at its own host only, through {@link #lookup}.
     */
    public Optional<ClusterEntry> notYetRoutable(UUID clusterId) {
        return Optional.ofNullable(byCluster.get(clusterId)).filter(entry -> entry.route() == null);
    }

    /** Adds or replaces the route of a cluster, which is running; a cluster that moved stops answering at the old host. */
    public synchronized void put(ClusterRoute route) {
        replace(new ClusterEntry(route.clusterId(), ClusterState.RUNNING, route));
    }

    /**
     * Records that a cluster does not serve (provisioning, failed, being deleted), keeping its route if it had one so
     * that its host answers with the reason rather than as unknown.
     */
    public synchronized void markNotServing(UUID clusterId, ClusterState state) {
        if (state == ClusterState.RUNNING) {
            throw new IllegalArgumentException("a running cluster is put with its route");
        }
        ClusterEntry previous = byCluster.get(clusterId);
        replace(new ClusterEntry(clusterId, state, previous == null ? null : previous.route()));
    }

    /** Forgets a cluster and its revocations; unknown clusters are ignored, so that replaying events is harmless. */
    public synchronized void forget(UUID clusterId) {
        ClusterEntry removed = byCluster.remove(clusterId);
        if (removed != null && removed.route() != null) {
            // Only this cluster's own entry: another cluster may since have been given the same host.
            byHost.remove(removed.route().host(), removed);
        }
        revokedKeys.remove(clusterId);
        version.incrementAndGet();
    }

    /** Restores an entry as a snapshot recorded it. */
    public synchronized void restore(ClusterEntry entry) {
        replace(entry);
    }

    private void replace(ClusterEntry entry) {
        ClusterEntry previous = byCluster.put(entry.clusterId(), entry);
        if (entry.route() != null) {
            byHost.put(entry.route().host(), entry);
        }
        if (previous != null
                && previous.route() != null
                && (entry.route() == null
                        || !previous.route().host().equals(entry.route().host()))) {
            byHost.remove(previous.route().host(), previous);
        }
        version.incrementAndGet();
    }

    /**
     * Refuses a key of a cluster from now on. Kept until {@code expiresAt}, after which the key is refused as expired
     * anyway; kept for as long as the cluster is known when the key never expires. A revocation may arrive before the
     * cluster's own events: it is kept all the same.
     */
    public synchronized void revoke(UUID clusterId, String keyId, @Nullable Instant expiresAt) {
        revokedKeys
                .computeIfAbsent(clusterId, id -> new ConcurrentHashMap<>())
                .put(keyId, expiresAt == null ? NEVER : expiresAt);
        version.incrementAndGet();
    }

    public boolean isRevoked(UUID clusterId, String keyId) {
        Map<String, Instant> revoked = revokedKeys.get(clusterId);
        return revoked != null && revoked.containsKey(keyId);
    }

    /** Drops revocations of keys that have expired by {@code now}: they are refused for their expiry. */
    public synchronized void forgetExpiredRevocations(Instant now) {
        revokedKeys.values().forEach(keys -> {
            if (keys.values().removeIf(expiresAt -> !now.isBefore(expiresAt))) {
                version.incrementAndGet();
            }
        });
        revokedKeys.values().removeIf(Map::isEmpty);
    }

    /** Every known cluster, for the snapshot. */
    public List<ClusterEntry> entries() {
        return List.copyOf(byCluster.values());
    }

    /** Every revoked key id by cluster, with when it may be forgotten ({@code null}: never), for the snapshot. */
    public List<RevokedKey> revokedKeys() {
        return revokedKeys.entrySet().stream()
                .flatMap(cluster -> cluster.getValue().entrySet().stream()
                        .map(key -> new RevokedKey(
                                cluster.getKey(), key.getKey(), NEVER.equals(key.getValue()) ? null : key.getValue())))
                .toList();
    }

    /** Changes with every write, so that a snapshot writer can tell whether anything happened since it last wrote. */
    public long version() {
        return version.get();
    }

    /** The number of clusters routed to. */
    public int size() {
        return (int) byCluster.values().stream()
                .filter(entry -> entry.routable() != null)
                .count();
    }

    /** A revocation as the snapshot keeps it. */
    public record RevokedKey(
            UUID clusterId, String keyId, @Nullable Instant expiresAt) {}
}

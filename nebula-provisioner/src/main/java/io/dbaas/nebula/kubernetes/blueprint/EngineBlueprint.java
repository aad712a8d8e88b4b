package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.InvalidClusterSpecsException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;

/**
 * How one database engine runs on Kubernetes: the objects of a cluster, how to tell its nodes are ready, and where
 * clients and the master key are. Implementations are Spring beans, found by {@link #engine()}; they render only and
 * never call an API server.
 */
public interface EngineBlueprint {

    Engine engine();

    /**
     * The objects of one cluster of this engine in one region.
     *
     * @throws InvalidClusterSpecsException when the specs cannot make valid objects, with a reason for the client
     */
    DesiredCluster render(DBClusterSpecs specs, RegionProperties region);

    /** The name of the StatefulSet that runs the cluster's nodes; its status says whether the nodes are ready. */
    String statefulSetName();

    /** The name of the Service clients (through GateKeeper) connect to. */
    String clientServiceName();

    /** The port of {@link #clientServiceName()} GateKeeper forwards requests to. */
    int clientPort();

    /** The scheme GateKeeper speaks to {@link #clientPort()}. */
    default String clientScheme() {
        return "http";
    }

    /**
     * The scheme the cluster's running {@code pods} serve on {@link #clientPort()}, which is what GateKeeper must be
     * told: it differs from {@link #clientScheme()} while pods rendered by an earlier Nebula still run.
     */
    default String clientScheme(List<Pod> pods) {
        return clientScheme();
    }

    /** The Secret in the cluster's namespace that holds the master key. */
    String masterKeySecretName();

    /** The entry of {@link #masterKeySecretName()} that holds the master key. */
    String masterKeyEntry();

    /** How many nodes are wanted and ready; by default the StatefulSet's ready replicas against its replicas. */
    default NodeReadiness readiness(StatefulSet statefulSet) {
        return NodeReadiness.of(statefulSet);
    }

    /**
     * Why the cluster may not go from {@code nodes} to {@code wantedNodes} (fewer) nodes, or empty when it may. By
     * default every scale-in is refused: Nebula cannot see where an engine keeps its data, so it cannot tell whether
     * the nodes it would remove hold the only copy of some of it.
     */
    default Optional<String> refuseScaleIn(int nodes, int wantedNodes) {
        return Optional.of(
                ("The cluster has %d nodes; Nebula does not remove nodes from a %s cluster, because it cannot"
                                + " tell whether they hold the only copy of some data. Create a cluster of %d nodes and move"
                                + " the data to it instead.")
                        .formatted(nodes, engine().id(), wantedNodes));
    }

    /**
     * The Secret and entry holding the PEM certificate of the CA the cluster's HTTPS certificate chains to, which
     * GateKeeper must trust; empty for an engine that serves plain HTTP. Never an entry holding a private key.
     */
    default Optional<SecretEntry> upstreamCaCertificate() {
        return Optional.empty();
    }

    /** One entry of one Secret in the cluster's namespace. */
    record SecretEntry(String secret, String entry) {}
}

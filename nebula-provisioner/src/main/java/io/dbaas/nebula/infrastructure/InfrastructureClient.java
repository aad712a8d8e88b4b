package io.dbaas.nebula.infrastructure;

import java.util.Optional;

/**
 * The contract every infrastructure backend implements: turn cluster specs into running infrastructure, change it,
 * remove it, and say what it looks like now.
 *
 * <p>Implementations are idempotent: the same specs twice converge on the same objects and never regenerate
 * credentials. Readiness is reported separately, from watches, not by these calls: they return once the backend has
 * been told what to do, not once the nodes have done it.
 *
 * <p>Every method throws {@link InfrastructureException} with a plain, secret-free reason when it cannot do its job;
 * {@link InfrastructureException#isTransient()} says whether trying again may help.
 */
public interface InfrastructureClient {

    /** Creates the cluster, or converges a cluster that is partly or wholly there (a redelivered command). */
    ProvisioningReport provision(DBClusterSpecs specs);

    /**
     * Converges an existing cluster on new specs: more nodes, other resources, a bigger volume, a newer version.
     *
     * @throws ChangeRefusedException when the change would lose data or cannot be made safely (a scale-in, a
     *     downgrade, a volume that would shrink or cannot grow, a cluster that does not exist); the cluster is left
     *     untouched
     */
    ProvisioningReport update(DBClusterSpecs specs);

    /**
     * Removes every object of the cluster, its volumes as the backend's volume policy says, and returns once they are
     * gone. A cluster that does not exist is already deleted: that is success, not failure.
     */
    DeletionReport delete(ClusterRef cluster);

    /** What the cluster looks like now; empty when it does not exist. */
    Optional<ObservedCluster> observe(ClusterRef cluster);
}

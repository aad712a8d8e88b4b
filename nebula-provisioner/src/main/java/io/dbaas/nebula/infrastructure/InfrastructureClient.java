package io.dbaas.nebula.infrastructure;

/**
 * The contract every infrastructure backend implements: turn cluster specs into running infrastructure.
 *
 * <p>Implementations are idempotent: the same specs twice converge on the same objects and never regenerate
 * credentials. Readiness is reported separately, from watches, not by this call.
 */
public interface InfrastructureClient {

    /**
     * Creates or converges the cluster's infrastructure.
     *
     * @throws InfrastructureException with a plain, secret-free reason when it cannot
     */
    ProvisioningReport provision(DBClusterSpecs specs);
}

package io.dbaas.orion.cluster;

import io.dbaas.orion.operation.Operation;

/** A claim that was accepted: the cluster, and the operation that creates it. */
public record AcceptedClaim(Cluster cluster, Operation creation) {}

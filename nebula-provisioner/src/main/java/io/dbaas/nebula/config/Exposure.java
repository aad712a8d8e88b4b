package io.dbaas.nebula.config;

/** How a database cluster's client Service is reachable from the network GateKeeper runs in. */
public enum Exposure {
    /** A ClusterIP Service: GateKeeper runs inside the same Kubernetes cluster. */
    CLUSTER_IP,
    /** A LoadBalancer Service: GateKeeper reaches the cluster through the cloud's (usually internal) load balancer. */
    LOAD_BALANCER
}

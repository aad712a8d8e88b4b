package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;

/** Where a cluster lives and what it runs, read without loading (or locking) the cluster itself. */
public record ClusterRef(Engine engine, String provider, String region) {}

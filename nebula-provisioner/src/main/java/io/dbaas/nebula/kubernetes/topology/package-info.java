/**
 * Tells database pods where they run: the zone of a pod's Kubernetes node is not visible to the pod, so Nebula copies
 * it into a pod annotation the downward API exposes (ECK's approach). Elasticsearch uses it for shard allocation
 * awareness.
 */
@NullMarked
package io.dbaas.nebula.kubernetes.topology;

import org.jspecify.annotations.NullMarked;

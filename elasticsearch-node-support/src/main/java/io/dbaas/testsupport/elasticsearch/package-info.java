/**
 * Real Elasticsearch nodes for tests, each playing one pod of a StatefulSet exactly as the Kubernetes API holds it.
 *
 * <p>{@link io.dbaas.testsupport.elasticsearch.StatefulSetStandIn} plays, for one StatefulSet, what a Kubernetes
 * cluster does and fabric8's mock API server does not: the StatefulSet controller (pods from the template, parallel
 * scaling, rolling updates highest ordinal first, each waiting for the previous pod to be ready), the kubelet (the pod's
 * volumes from its ConfigMaps, Secrets and downward API, updated as they change except through {@code subPath}; the
 * container's environment, security context and memory limit; the readiness probe and the pre-stop hook as rendered;
 * pod and StatefulSet status written back to the API) and the endpoints of a Service
 * ({@link io.dbaas.testsupport.elasticsearch.ServiceStandIn}). The container is Elasticsearch's own distribution of the
 * image's version ({@link io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions}), run as a process in a mount
 * namespace of its own, where every volume is mounted at its rendered path.
 *
 * <p>{@link io.dbaas.testsupport.elasticsearch.JobStandIn} plays, for the {@code batch/v1} Jobs of one namespace, the
 * Job controller (one pod at a time from the template, named and labelled as Kubernetes does, retried after a back-off
 * until {@code backoffLimit}, the Job's counts and {@code Complete} / {@code Failed} conditions written back, a deleted
 * Job's pods deleted and their containers stopped) and the kubelet of those pods: the container is the host command
 * its image is mapped to ({@link io.dbaas.testsupport.elasticsearch.ContainerImages}, for the backup agent its Java
 * program), with the pod's volumes (a Secret's or ConfigMap's {@code items} only, at their paths), environment, user
 * and memory limit, every stand-in pod's and Service's name in its hosts file, a {@code /run} of its own (empty, as an
 * image's, where Nebula mounts the agent's files under {@code /var/run/dbaas}), its own {@code /dev} holding the
 * termination message file, which is read after exit (or the log's end,
 * under {@code FallbackToLogsOnError}) into the pod's {@code state.terminated}. It does not play scheduling, node
 * selection, quotas, admission, {@code activeDeadlineSeconds}, {@code ttlSecondsAfterFinished}, {@code suspend},
 * parallel or indexed Jobs, pod failure policies, init containers, nor a read-only root file system.
 *
 * <p>An {@code nfs} volume, in either stand-in, is the host directory the test exports under that server and path
 * ({@link io.dbaas.testsupport.elasticsearch.NfsExports}), shared by every pod and Job of every namespace, as an NFS
 * export is: two clusters mounting it share one snapshot repository.
 *
 * <p>Where a pod and this stand-in differ, on purpose and nowhere else: every pod has its own loopback address
 * (127.x.y.z) instead of a network namespace, so a node listening on the wildcard address listens on its pod's
 * address instead (so Elasticsearch's bootstrap checks only warn, as on any loopback address: build machines allow
 * fewer open files than the 65535 they ask for); host names resolve through a hosts file; the container's JVM is the
 * test's own (the distribution has none); liveness probes are not run; and a Secret's {@code stringData}, which a real
 * API server merges into {@code data} on write and fabric8's mock keeps as written, is merged by the kubelet here. Everything here needs root (mounts, and a non-root user for Elasticsearch,
 * which refuses root): tests that use it are skipped otherwise.
 */
@NullMarked
package io.dbaas.testsupport.elasticsearch;

import org.jspecify.annotations.NullMarked;

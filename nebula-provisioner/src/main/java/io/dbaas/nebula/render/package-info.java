/**
 * Render mode: {@code java -jar nebula-provisioner.jar render …} prints the manifests Nebula would apply for one
 * cluster spec, without Kafka, a web server or a Kubernetes client. For review and for GitOps; with
 * {@code --with-secrets}, credentials included, for running a cluster without the control plane.
 */
@NullMarked
package io.dbaas.nebula.render;

import org.jspecify.annotations.NullMarked;

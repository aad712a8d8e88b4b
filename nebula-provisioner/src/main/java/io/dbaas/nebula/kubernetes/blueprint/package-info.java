/**
 * Engine blueprints: what the Kubernetes backend needs to know about one database engine, behind
 * {@link io.dbaas.nebula.infrastructure.InfrastructureClient}. Adding an engine means adding a blueprint bean here (and
 * its model class); no existing class changes.
 */
@NullMarked
package io.dbaas.nebula.kubernetes.blueprint;

import org.jspecify.annotations.NullMarked;

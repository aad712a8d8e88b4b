/** The Kubernetes JSON schemas, made strict, that the tests check rendered objects and manifests against. */
@NullMarked
package io.dbaas.kubernetes.schema;

import org.jspecify.annotations.NullMarked;

/** Renders the chart with Helm and reads what it rendered; the Kubernetes schemas it is checked against. */
@NullMarked
package io.dbaas.helm.support;

import org.jspecify.annotations.NullMarked;

/** Renders the chart with Helm and reads what it rendered. */
@NullMarked
package io.dbaas.helm.support;

import org.jspecify.annotations.NullMarked;

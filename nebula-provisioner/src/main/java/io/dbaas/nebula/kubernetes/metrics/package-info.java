@NullMarked
package io.dbaas.nebula.kubernetes.metrics;

import org.jspecify.annotations.NullMarked;

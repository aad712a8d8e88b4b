@NullMarked
package io.dbaas.nebula.kubernetes.reconcile;

import org.jspecify.annotations.NullMarked;

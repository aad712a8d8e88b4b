@NullMarked
package io.dbaas.nebula.kubernetes.status;

import org.jspecify.annotations.NullMarked;

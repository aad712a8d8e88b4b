@NullMarked
package io.dbaas.nebula.kubernetes.apply;

import org.jspecify.annotations.NullMarked;

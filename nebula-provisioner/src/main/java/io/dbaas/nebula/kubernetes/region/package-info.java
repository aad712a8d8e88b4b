@NullMarked
package io.dbaas.nebula.kubernetes.region;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.nebula.kubernetes;

import org.jspecify.annotations.NullMarked;

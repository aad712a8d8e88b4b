@NullMarked
package io.dbaas.nebula.region;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.nebula;

import org.jspecify.annotations.NullMarked;

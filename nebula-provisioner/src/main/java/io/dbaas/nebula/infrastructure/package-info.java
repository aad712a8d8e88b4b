@NullMarked
package io.dbaas.nebula.infrastructure;

import org.jspecify.annotations.NullMarked;

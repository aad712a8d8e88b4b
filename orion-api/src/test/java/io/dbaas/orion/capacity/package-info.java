@NullMarked
package io.dbaas.orion.capacity;

import org.jspecify.annotations.NullMarked;

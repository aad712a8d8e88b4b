@NullMarked
package io.dbaas.nebula.events;

import org.jspecify.annotations.NullMarked;

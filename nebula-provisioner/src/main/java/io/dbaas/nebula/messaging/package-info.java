@NullMarked
package io.dbaas.nebula.messaging;

import org.jspecify.annotations.NullMarked;

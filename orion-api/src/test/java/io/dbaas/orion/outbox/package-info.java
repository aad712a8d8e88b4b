@NullMarked
package io.dbaas.orion.outbox;

import org.jspecify.annotations.NullMarked;

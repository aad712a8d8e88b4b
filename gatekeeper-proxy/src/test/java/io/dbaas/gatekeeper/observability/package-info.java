@NullMarked
package io.dbaas.gatekeeper.observability;

import org.jspecify.annotations.NullMarked;

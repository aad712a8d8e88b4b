@NullMarked
package io.dbaas.gatekeeper.events;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.gatekeeper;

import org.jspecify.annotations.NullMarked;

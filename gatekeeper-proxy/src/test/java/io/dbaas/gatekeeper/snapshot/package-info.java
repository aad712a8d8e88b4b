@NullMarked
package io.dbaas.gatekeeper.snapshot;

import org.jspecify.annotations.NullMarked;

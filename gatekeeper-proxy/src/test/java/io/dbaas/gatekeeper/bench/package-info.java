/** Helpers for {@code bench/run.sh}: not tests, never run by the build. */
@NullMarked
package io.dbaas.gatekeeper.bench;

import org.jspecify.annotations.NullMarked;

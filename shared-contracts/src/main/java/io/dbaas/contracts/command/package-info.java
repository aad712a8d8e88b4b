/** Commands sent to Nebula: imperative, keyed by cluster id. */
@NullMarked
package io.dbaas.contracts.command;

import org.jspecify.annotations.NullMarked;

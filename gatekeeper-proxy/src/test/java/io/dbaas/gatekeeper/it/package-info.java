/** GateKeeper as one process with a real Kafka broker and real upstream servers. */
@NullMarked
package io.dbaas.gatekeeper.it;

import org.jspecify.annotations.NullMarked;

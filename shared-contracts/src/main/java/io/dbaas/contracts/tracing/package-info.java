/** How a trace crosses Kafka: in the envelope's metadata, never in headers the receiver would have to trust. */
@NullMarked
package io.dbaas.contracts.tracing;

import org.jspecify.annotations.NullMarked;

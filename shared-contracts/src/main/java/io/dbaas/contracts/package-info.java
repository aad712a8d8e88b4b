/** Messages exchanged between the control plane services over Kafka: their envelope, names and wire format. */
@NullMarked
package io.dbaas.contracts;

import org.jspecify.annotations.NullMarked;

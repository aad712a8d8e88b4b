/** Transactional outbox: commands stored with the change that caused them, relayed to Kafka afterwards. */
@NullMarked
package io.dbaas.orion.outbox;

import org.jspecify.annotations.NullMarked;

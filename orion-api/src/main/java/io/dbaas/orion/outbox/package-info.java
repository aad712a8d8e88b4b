/** Transactional outbox: commands stored with the change that caused them, relayed to Kafka afterwards. */
// One way only: commands are stored and relayed for any feature; the outbox knows none of them.
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.dbaas.orion.outbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

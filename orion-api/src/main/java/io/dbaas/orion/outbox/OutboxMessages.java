package io.dbaas.orion.outbox;

import org.springframework.data.repository.Repository;

/** Messages written to the outbox. Read and marked by {@link OutboxRelay} with plain SQL. */
interface OutboxMessages extends Repository<OutboxMessage, Long> {

    OutboxMessage save(OutboxMessage message);
}

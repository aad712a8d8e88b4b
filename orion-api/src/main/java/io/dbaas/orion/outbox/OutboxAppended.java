package io.dbaas.orion.outbox;

/** A message joined the outbox in the current transaction; once that commits, the relay has work. */
enum OutboxAppended {
    INSTANCE
}

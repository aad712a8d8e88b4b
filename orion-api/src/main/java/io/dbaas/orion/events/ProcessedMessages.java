package io.dbaas.orion.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Remembers which messages were applied, in the same transaction as their effect. */
@Component
class ProcessedMessages {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProcessedMessages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the id; returns {@code false} when it was already recorded, that is, the message is a duplicate. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean firstTime(UUID messageId) {
        return jdbc.sql("insert into processed_messages (message_id, processed_at) values (:id, :at)"
                                + " on conflict do nothing")
                        .param("id", messageId)
                        .param("at", Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }
}

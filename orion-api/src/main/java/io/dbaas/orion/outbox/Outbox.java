package io.dbaas.orion.outbox;

import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.access.AccessEvent;
import io.dbaas.contracts.command.ClusterCommand;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes messages in the caller's transaction; {@link OutboxRelay} publishes them once it has committed, woken by
 * {@link OutboxAppended} rather than waiting for its next poll.
 */
@Component
public class Outbox {

    private final OutboxMessages messages;
    private final MessageCodec codec;
    private final ApplicationEventPublisher events;

    public Outbox(OutboxMessages messages, MessageCodec codec, ApplicationEventPublisher events) {
        this.messages = messages;
        this.codec = codec;
        this.events = events;
    }

    /** Appends a command for Nebula, keyed by its cluster id so that one cluster's commands keep their order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(ClusterCommand command) {
        append(Topics.CLUSTER_COMMANDS, command);
    }

    /** Appends an event for every GateKeeper, keyed by its cluster id like everything else. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(AccessEvent event) {
        append(Topics.ACCESS_EVENTS, event);
    }

    private void append(String topic, Message message) {
        messages.save(new OutboxMessage(
                message.id(), topic, message.clusterId().toString(), codec.write(message), message.createdAt()));
        events.publishEvent(OutboxAppended.INSTANCE);
    }
}

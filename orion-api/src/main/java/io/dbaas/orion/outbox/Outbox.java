package io.dbaas.orion.outbox;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes commands in the caller's transaction; {@link OutboxRelay} publishes them once it has committed. */
@Component
public class Outbox {

    private final OutboxMessages messages;
    private final MessageCodec codec;

    public Outbox(OutboxMessages messages, MessageCodec codec) {
        this.messages = messages;
        this.codec = codec;
    }

    /** Appends a command, keyed by its cluster id so that one cluster's commands keep their order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(ClusterCommand command) {
        messages.save(new OutboxMessage(
                command.id(),
                Topics.CLUSTER_COMMANDS,
                command.clusterId().toString(),
                codec.write(command),
                command.createdAt()));
    }
}

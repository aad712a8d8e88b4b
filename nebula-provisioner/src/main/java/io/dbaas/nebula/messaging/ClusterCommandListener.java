package io.dbaas.nebula.messaging;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.provisioning.CommandQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads cluster commands. A record that is not a valid command throws {@code MalformedMessageException}, which the
 * error handler sends to the dead-letter topic at once; the offset is committed only after the command was carried out
 * or kept for another attempt, and every event it caused was acknowledged.
 */
@Component
class ClusterCommandListener {

    private static final Logger log = LoggerFactory.getLogger(ClusterCommandListener.class);

    private final CommandQueue commands;
    private final MessageCodec codec = new MessageCodec();

    private final MessageTracing tracing;

    ClusterCommandListener(CommandQueue commands, MessageTracing tracing) {
        this.tracing = tracing;
        this.commands = commands;
    }

    @KafkaListener(id = "nebula-cluster-commands", groupId = "nebula", topics = Topics.CLUSTER_COMMANDS)
    void onCommand(ConsumerRecord<String, byte[]> record) {
        ClusterCommand command = codec.read(record.value(), ClusterCommand.class);
        // In the trace of the request that wrote the command (its traceparent), not the relay's that sent it.
        tracing.run("nebula.command", command.metadata(), () -> accept(command, record));
    }

    private void accept(ClusterCommand command, ConsumerRecord<String, byte[]> record) {
        log.info(
                "Received {} {} for cluster {} (partition {}, offset {})",
                command.name(),
                command.id(),
                command.clusterId(),
                record.partition(),
                record.offset());
        commands.accept(command);
    }
}

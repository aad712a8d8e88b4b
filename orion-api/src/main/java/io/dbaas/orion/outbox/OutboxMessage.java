package io.dbaas.orion.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A message waiting to be published, in the order it was written. */
@Entity
@Table(name = "outbox_messages")
class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long sequence;

    private UUID messageId;
    private String topic;
    private String messageKey;
    private byte[] payload;
    private Instant createdAt;
    private @Nullable Instant publishedAt;

    @SuppressWarnings("NullAway.Init")
    protected OutboxMessage() {}

    OutboxMessage(UUID messageId, String topic, String messageKey, byte[] payload, Instant createdAt) {
        this.messageId = messageId;
        this.topic = topic;
        this.messageKey = messageKey;
        this.payload = payload;
        this.createdAt = createdAt;
    }
}

package io.dbaas.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every Kafka message carries: {@code id}, {@code name}, {@code type}, {@code schema_id},
 * {@code created_at} and {@code metadata}, followed by the payload fields of the concrete message.
 *
 * <p>{@code name} selects the concrete type when reading. {@code type} and {@code schema_id} are derived from the
 * type and only written; consumers deduplicate by {@code id}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "name")
@JsonIgnoreProperties(
        value = {"type", "schema_id"},
        allowGetters = true)
public interface Message {

    UUID id();

    Instant createdAt();

    MessageMetadata metadata();

    /** The cluster the message is about; also the Kafka record key, so that one cluster's messages stay in order. */
    UUID clusterId();

    /** The logical message name, for example {@code ProvisionDBCluster}. */
    @JsonProperty("name")
    String name();

    @JsonProperty("type")
    MessageType type();

    /** Identifies the JSON schema (and its version) of this message. */
    @JsonProperty("schema_id")
    String schemaId();
}

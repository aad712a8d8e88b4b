package io.dbaas.gatekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.support.CapturedLogs;
import io.dbaas.gatekeeper.support.TestCluster;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;

class AccessEventsListenerTest {

    private final MessageCodec codec = new MessageCodec();
    private final ClusterDirectory directory = new ClusterDirectory();
    private final ConsumedOffsets offsets = new ConsumedOffsets();
    private final AccessEventsListener listener = new AccessEventsListener(codec, directory, offsets);
    private final CapturedLogs logs = CapturedLogs.of(AccessEventsListener.class);
    private long offset;

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aRevokedKeyIsRecordedForItsCluster() {
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        String keyId = cluster.newApiKey().substring(4, 26);

        listener.onRecord(
                record(codec.write(cluster.keyRevoked(keyId, Instant.now().plusSeconds(3600)))));

        assertThat(directory.isRevoked(cluster.id(), keyId)).isTrue();
        assertThat(offsets.copy()).containsEntry(new TopicPartition(Topics.ACCESS_EVENTS, 0), offset);
    }

    @Test
    void garbageAndEmptyRecordsAreSkippedWithoutQuotingThem() {
        listener.onRecord(record("not json: do-not-log-me".getBytes(StandardCharsets.UTF_8)));
        listener.onRecord(record("{\"name\":\"ClusterProvisioned\"}".getBytes(StandardCharsets.UTF_8)));
        listener.onRecord(new ConsumerRecord<>(Topics.ACCESS_EVENTS, 0, offset++, null, null));

        assertThat(logs.text())
                .contains("Skipped " + Topics.ACCESS_EVENTS + "-0@0: not a valid access event")
                .contains("@1: not a valid access event")
                .contains("@2: empty record")
                .doesNotContain("do-not-log-me");
    }

    @Test
    void itsConsumerIsAnsweredWithinATenthOfASecondSoARevocationArrivesWellWithinOneSecond() throws Exception {
        Method onRecord = AccessEventsListener.class.getMethod("onRecord", ConsumerRecord.class);
        KafkaListener annotation = onRecord.getAnnotation(KafkaListener.class);

        assertThat(List.of(annotation.topics())).containsExactly(Topics.ACCESS_EVENTS);
        assertThat(List.of(annotation.properties())).contains("fetch.min.bytes=1", "fetch.max.wait.ms=100");
    }

    private ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.ACCESS_EVENTS, 0, offset++, new byte[0], value);
    }
}

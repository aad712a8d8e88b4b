package io.dbaas.gatekeeper.bench;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.contracts.security.MasterKeyCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Kafka side of the benchmark: a real (embedded, KRaft) broker, and {@code ClusterProvisioned} events with sealed
 * master keys, exactly as Nebula publishes them. Driven by {@code bench/run.sh} through files in a work directory, so
 * the script needs nothing but a shell:
 *
 * <ol>
 *   <li>start: writes {@code bootstrap} (the broker address) and {@code cluster} (host and a derived API key of the
 *       benchmark cluster, the only one published so far);
 *   <li>when {@code publish-more} appears: publishes that many further clusters, then writes {@code last-cluster}
 *       (host and key of the last one). The topic has one partition, so when GateKeeper routes the last cluster it has
 *       read every earlier one.
 * </ol>
 *
 * Runs until killed. Usage: {@code BenchFixture <work-dir> <key-encryption-key> <upstream-port> <domain>}.
 */
public final class BenchFixture {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path work;
    private final MasterKeyCipher cipher;
    private final ServiceAddress upstream;
    private final String domain;
    private final MessageCodec codec = new MessageCodec();

    private BenchFixture(Path work, MasterKeyCipher cipher, ServiceAddress upstream, String domain) {
        this.work = work;
        this.cipher = cipher;
        this.upstream = upstream;
        this.domain = domain;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: BenchFixture <work-dir> <key-encryption-key> <upstream-port> <domain>");
            System.exit(2);
        }
        BenchFixture fixture = new BenchFixture(
                Path.of(args[0]),
                MasterKeyCipher.fromBase64(args[1]),
                new ServiceAddress("http", "127.0.0.1", Integer.parseInt(args[2])),
                args[3]);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.CLUSTER_EVENTS);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        fixture.run(broker.getBrokersAsString());
    }

    private void run(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            String first = publishCluster(producer);
            producer.flush();
            write("bootstrap", bootstrap);
            write("cluster", first);

            Path more = work.resolve("publish-more");
            while (!Files.exists(more)) {
                Thread.sleep(100);
            }
            int count = Integer.parseInt(Files.readString(more).trim());
            String last = first;
            for (int i = 0; i < count; i++) {
                last = publishCluster(producer);
            }
            producer.flush();
            write("last-cluster", last);
        }
        Thread.currentThread().join();
    }

    /** Publishes one running cluster behind the benchmark upstream; returns {@code <host> <api-key>}. */
    private String publishCluster(KafkaProducer<byte[], byte[]> producer) {
        UUID id = UUID.randomUUID();
        String host = id + ".bench.local." + domain;
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String masterKey = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ClusterProvisioned event = cipher.eventAuthentication()
                .sign(new ClusterProvisioned(
                        UUID.randomUUID(),
                        Instant.now(),
                        MessageMetadata.startingChain(UUID.randomUUID()),
                        id,
                        Engine.QDRANT,
                        host,
                        upstream,
                        cipher.seal(id, masterKey),
                        1,
                        null));
        producer.send(new ProducerRecord<>(
                Topics.CLUSTER_EVENTS, id.toString().getBytes(StandardCharsets.UTF_8), codec.write(event)));
        return host + " " + ApiKeys.issue(masterKey, KeyScope.READ_WRITE, null).key();
    }

    /** Whole or not at all: the script polls for these files. */
    private void write(String name, String content) throws IOException {
        Path temporary = work.resolve(name + ".tmp");
        Files.writeString(temporary, content + "\n");
        Files.move(temporary, work.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}

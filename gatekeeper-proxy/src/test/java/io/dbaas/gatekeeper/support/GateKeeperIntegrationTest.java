package io.dbaas.gatekeeper.support;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.access.AccessEvent;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole GateKeeper on random ports, fed by a real (embedded, KRaft) Kafka broker, in front of two real upstream
 * HTTP servers. Every subclass shares one application context and so one broker per test JVM; each test uses fresh
 * cluster ids, so events published by one test never change what another test sees.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "gatekeeper.domain=" + GateKeeperIntegrationTest.DOMAIN,
            "dbaas.key-encryption-key=" + TestCluster.KEY_ENCRYPTION_KEY,
            // Short, so that tests of slow clusters are quick; loopback upstreams answer well within them.
            "gatekeeper.upstream.connect-timeout=1s",
            "gatekeeper.upstream.response-timeout=2s",
            "gatekeeper.limits.max-body-size=64KB",
            "gatekeeper.limits.read-timeout=1s",
            // Every test client is 127.0.0.1; many tests fail authentication on purpose. AbuseProtectionIT tests
            // limits.
            "gatekeeper.abuse.failed-authentications-per-address=100000"
        })
@EmbeddedKafka(
        partitions = 2,
        topics = {Topics.CLUSTER_EVENTS, Topics.ACCESS_EVENTS},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class GateKeeperIntegrationTest {

    public static final String DOMAIN = "dbaas.localhost";

    /** Two upstreams, so that a test can tell which cluster a request reached. Started once per JVM. */
    protected static final RecordingUpstream UPSTREAM_A = RecordingUpstream.start("upstream-a");

    protected static final RecordingUpstream UPSTREAM_B = RecordingUpstream.start("upstream-b");

    private static final Duration EVENT_DELIVERY = Duration.ofSeconds(30);

    private final MessageCodec codec = new MessageCodec();

    @Autowired
    protected ClusterDirectory directory;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @BeforeEach
    void forgetEarlierRequests() {
        UPSTREAM_A.forget();
        UPSTREAM_B.forget();
    }

    /** A client of the public port; requests choose their cluster with the Host header, as over DNS. */
    protected WebTestClient gateway() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** {@code GET /collections} with an API key, on the cluster that {@code host} names: what most tests send. */
    protected WebTestClient.ResponseSpec listCollections(String host, String apiKey) {
        return gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, host)
                .header("api-key", apiKey)
                .exchange();
    }

    protected WebTestClient management() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Waits until readiness is UP: the directory has read both topics to their end, which takes a consumer group join
     * and an idle interval after the context starts.
     */
    protected void awaitReady() {
        await().atMost(EVENT_DELIVERY).pollInterval(Duration.ofMillis(200)).until(() -> management()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .is2xxSuccessful());
    }

    /** Publishes a cluster and waits until GateKeeper routes it. */
    protected TestCluster provisioned(RecordingUpstream upstream) {
        return provisionedAt(upstream.address());
    }

    /** Publishes a cluster of region {@code regionAndProvider} (such as {@code us-east-1.gcp}) and waits for it. */
    protected TestCluster provisionedIn(String regionAndProvider, RecordingUpstream upstream) {
        return routed(TestCluster.under(regionAndProvider, DOMAIN), upstream.address());
    }

    /** Publishes a cluster at any address, reachable or not, and waits until GateKeeper routes it. */
    protected TestCluster provisionedAt(ServiceAddress address) {
        return routed(TestCluster.under(DOMAIN), address);
    }

    private TestCluster routed(TestCluster cluster, ServiceAddress address) {
        publish(cluster.provisionedAt(address));
        await().atMost(EVENT_DELIVERY)
                .until(() -> directory.find(cluster.host()).isPresent());
        return cluster;
    }

    /** On the topic of the message's family: access events on theirs, cluster events on theirs. */
    protected void publish(Message message) {
        String topic = message instanceof AccessEvent ? Topics.ACCESS_EVENTS : Topics.CLUSTER_EVENTS;
        publish(topic, message.clusterId().toString(), codec.write(message));
    }

    protected void publishGarbage(String key, String content) {
        publishGarbage(Topics.CLUSTER_EVENTS, key, content);
    }

    protected void publishGarbage(String topic, String key, String content) {
        publish(topic, key, content.getBytes(StandardCharsets.UTF_8));
    }

    protected static Duration eventDelivery() {
        return EVENT_DELIVERY;
    }

    private void publish(String topic, String key, byte[] value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.dbaas.orion.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.orion.account.ManagementToken;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Orion as it runs: real HTTP, a real PostgreSQL and a real Kafka broker. Every subclass shares one application
 * context, hence one database and one broker per test JVM.
 *
 * <p>Each test gets an account of its own, opened by the platform operator, and {@link #post}, {@link #get} and
 * {@link #delete} act as that account's first administrator; {@link #as} acts with any other token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class OrionIntegrationTests {

    /** The key-encryption key of this test run, as the other services would share it. */
    protected static final String KEY_ENCRYPTION_KEY = randomKey();

    /** The platform administrator's token, given to Orion as {@code orion.bootstrap.admin-token}. */
    protected static final String OPERATOR_TOKEN =
            ManagementToken.generate(UUID.randomUUID()).value();

    private static final EmbeddedPostgres POSTGRES = startPostgres();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MessageCodec codec;

    /** This test's own account. */
    protected TestAccount account;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("dbaas.key-encryption-key", () -> KEY_ENCRYPTION_KEY);
        registry.add("dbaas.kafka.partitions", () -> 1);
        registry.add("orion.outbox.poll-interval", () -> "50ms");
        registry.add("orion.bootstrap.admin-token", () -> OPERATOR_TOKEN);
        // The backup schedule's own pass would back up every test's running cluster on the wall clock; the backup
        // tests run passes themselves, on a clock they set.
        registry.add("orion.backups.schedule-period", () -> "1d");
        // Regions for capacity tests, each handed to one test only (Regions.unused()), starting with no capacity.
        registry.add("orion.catalog.providers." + Regions.PROVIDER + ".regions", () -> String.join(",", Regions.ALL));
        // The region every other test claims in.
        Regions.offerTheRegionOfValidClaims(registry);
    }

    @BeforeEach
    void openTestAccount() {
        account = openAccount("test");
    }

    /**
     * Whatever a test did, each region's running total of allocations (what claims are admitted against) is the sum of
     * its allocated claims. One statement, so it reads one snapshot even while an event handler is still at work.
     */
    @AfterEach
    void allocationTotalsAddUp(@Autowired JdbcClient jdbc) {
        List<String> regions = jdbc.sql("""
                        select r.provider || '/' || r.region from region_capacities r
                        left join (select provider, region, sum(cpu) as cpu, sum(memory) as memory, sum(disk) as disk
                                   from resource_claims where allocated_at is not null
                                   group by provider, region) a
                          on a.provider = r.provider and a.region = r.region
                        where r.allocated_cpu <> coalesce(a.cpu, 0)
                           or r.allocated_memory <> coalesce(a.memory, 0)
                           or r.allocated_disk <> coalesce(a.disk, 0)""").query(String.class).list();
        assertThat(regions)
                .as("regions whose allocated total is not the sum of their allocated claims")
                .isEmpty();
    }

    /** A new account, opened by the operator, with the token of its first administrator. */
    protected TestAccount openAccount(String name) {
        Response opened = as(OPERATOR_TOKEN).post("/v1/accounts", "{\"name\": \"" + name + "\"}");
        if (opened.status() != 201) {
            throw new AssertionError("could not open an account: " + opened.status() + " " + opened.body());
        }
        return new TestAccount(
                UUID.fromString(opened.json().get("id").asString()),
                opened.json().get("admin").get("token").asString());
    }

    /** A new credential of the test's account with {@code role}, returning its token. */
    protected String credential(String role) {
        Response created = post(
                "/v1/accounts/" + account.id() + "/credentials",
                "{\"name\": \"" + role + " of the test\", \"role\": \"" + role + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("could not create a credential: " + created.status() + " " + created.body());
        }
        return created.json().get("token").asString();
    }

    protected Response post(String path, String json) {
        return as(account.adminToken()).post(path, json);
    }

    protected Response get(String path) {
        return as(account.adminToken()).get(path);
    }

    protected Response delete(String path) {
        return as(account.adminToken()).delete(path);
    }

    /** Requests sent with {@code Authorization: Bearer <token>}. */
    protected Client as(String token) {
        return new Client("Bearer " + token);
    }

    /** Requests sent with this exact {@code Authorization} header. */
    protected Client withAuthorization(String header) {
        return new Client(header);
    }

    /** Requests sent without credentials. */
    protected Client anonymous() {
        return new Client(null);
    }

    /** An account of a test, with its first administrator's token. */
    public record TestAccount(UUID id, String adminToken) {}

    /** Sends requests with one {@code Authorization} header, or none. */
    public final class Client {

        private final @Nullable String authorization;

        private Client(@Nullable String authorization) {
            this.authorization = authorization;
        }

        public Response post(String path, String json) {
            return send(request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        /** A POST with extra headers, given as name, value, name, value, ... */
        public Response post(String path, String json, String... headers) {
            HttpRequest.Builder request = request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request);
        }

        public Response put(String path, String json) {
            return send(request(path)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)));
        }

        public Response get(String path) {
            return send(request(path).GET());
        }

        /** A GET with extra headers, given as name, value, name, value, ... */
        public Response get(String path, String... headers) {
            return send(withHeaders(request(path), headers).GET());
        }

        /** A PATCH with a JSON merge patch and extra headers, given as name, value, name, value, ... */
        public Response patch(String path, String json, String... headers) {
            return send(withHeaders(request(path), headers)
                    .header("Content-Type", "application/merge-patch+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
        }

        public Response delete(String path) {
            return send(request(path).DELETE());
        }

        /** A DELETE with extra headers, given as name, value, name, value, ... */
        public Response delete(String path, String... headers) {
            return send(withHeaders(request(path), headers).DELETE());
        }

        private HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
            return headers.length > 0 ? request.headers(headers) : request;
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response, codec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP response with its body parsed as JSON. */
    public record Response(HttpResponse<String> raw, MessageCodec codec) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return codec.json().readTree(raw.body());
        }
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

package io.dbaas.orion.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.ClientAddresses;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.io.UnsupportedEncodingException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * With Orion's default budget (20 failed authentications per client address per minute, given back one every 3 s), an
 * address that guesses tokens is refused before its tokens are looked at; nobody else is. Each test spends the budget
 * of an address of its own.
 */
class FailedAuthenticationLimitTests extends OrionIntegrationTests {

    private static final int BUDGET = 20;
    private static final String PATH = "/v1/clusters";

    @Autowired
    WebApplicationContext application;

    @Autowired
    JdbcClient jdbc;

    private ClientAddresses clients;
    private String guesser;

    @BeforeEach
    void addresses() {
        clients = new ClientAddresses(application);
        guesser = ClientAddresses.unused();
    }

    @Test
    void afterTwentyBadTokensTheNextRequestIsAnswered429WithRetryAfter() {
        ManagementToken known = ManagementToken.parse(account.adminToken()).orElseThrow();
        String wrongSecret = new ManagementToken(known.credentialId(), "x".repeat(43)).value();
        String[] badHeaders = {
            "Bearer not-a-token", "Basic YWRtaW46YWRtaW4=", "Bearer ", "Bearer " + wrongSecret,
        };
        for (int i = 0; i < BUDGET; i++) {
            String header = i < badHeaders.length ? badHeaders[i] : "Bearer " + unknownToken();
            assertThat(clients.fromWithAuthorization(guesser, header).get(PATH).getStatus())
                    .as("bad token %d of %d", i + 1, BUDGET)
                    .isEqualTo(401);
        }

        MockHttpServletResponse refused = clients.from(guesser, unknownToken()).get(PATH);

        assertTooManyFailedAuthentications(refused);
        assertThat(Long.parseLong(refused.getHeader("Retry-After")))
                .as("one failure comes back every 60 s / 20, in whole seconds rounded up")
                .isBetween(1L, 3L);
        JsonNode problem = codec.json().readTree(body(refused));
        assertThat(problem.get("title").asString()).isEqualTo("Too many failed authentications");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("instance").asString()).isEqualTo(PATH);
        assertThat(refused.getHeader("WWW-Authenticate")).isNull();
    }

    @Test
    void aValidTokenFromABlockedAddressIsRefusedTooAndChangesNothing() {
        exhaust(guesser);
        long clusters = clustersOfTheAccount();

        assertTooManyFailedAuthentications(
                clients.from(guesser, account.adminToken()).get(PATH));
        assertTooManyFailedAuthentications(
                clients.from(guesser, account.adminToken()).post(PATH, Claims.VALID));

        assertThat(clustersOfTheAccount()).as("the claim was not made").isEqualTo(clusters);
    }

    @Test
    void aValidTokenKeepsWorkingFromAnotherAddress() {
        exhaust(guesser);

        assertThat(clients.from(ClientAddresses.unused(), account.adminToken())
                        .get(PATH)
                        .getStatus())
                .isEqualTo(200);
        assertThat(get(PATH).status()).as("over real HTTP, from 127.0.0.1").isEqualTo(200);
    }

    @Test
    void successfulAuthenticationsSpendNothing() {
        for (int i = 0; i < 3 * BUDGET; i++) {
            assertThat(clients.from(guesser, account.adminToken()).get(PATH).getStatus())
                    .isEqualTo(200);
        }

        exhaust(guesser);

        assertTooManyFailedAuthentications(
                clients.from(guesser, account.adminToken()).get(PATH));
    }

    @Test
    void requestsWithoutAuthorizationFromABlockedAddressGetTheirUsualAnswers() {
        exhaust(guesser);
        var anonymous = clients.fromWithAuthorization(guesser, null);

        MockHttpServletResponse api = anonymous.get(PATH);
        assertThat(api.getStatus()).isEqualTo(401);
        assertThat(codec.json().readTree(body(api)).get("type").asString())
                .isEqualTo("urn:dbaas:problem:unauthenticated");
        assertThat(anonymous.get("/v3/api-docs").getStatus()).isEqualTo(200);
    }

    @Test
    void aForwardedForHeaderChangesNotTheAddressCounted() {
        for (int i = 0; i < BUDGET; i++) {
            assertThat(clients.from(guesser, unknownToken())
                            .get(PATH, "X-Forwarded-For", "203.0.113." + i, "Forwarded", "for=203.0.113." + i)
                            .getStatus())
                    .isEqualTo(401);
        }

        assertTooManyFailedAuthentications(
                clients.from(guesser, account.adminToken()).get(PATH, "X-Forwarded-For", "203.0.113.200"));
        assertThat(clients.from("203.0.113.1", account.adminToken()).get(PATH).getStatus())
                .as("the address it named has its whole budget")
                .isEqualTo(200);
    }

    @Test
    void nothingLoggedNamesATokenOnlyTheBlockedAddress() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        root.addAppender(logged);
        try {
            exhaust(guesser);
            clients.from(guesser, account.adminToken()).get(PATH);
        } finally {
            root.detachAppender(logged);
        }

        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("dbm_") || line.contains("Bearer"))
                .filteredOn(line -> line.contains(guesser))
                .singleElement()
                .asString()
                .startsWith("Client address " + guesser + " used up its 20 failed authentications");
    }

    private void exhaust(String address) {
        for (int i = 0; i < BUDGET; i++) {
            assertThat(clients.from(address, unknownToken()).get(PATH).getStatus())
                    .isEqualTo(401);
        }
        assertTooManyFailedAuthentications(clients.from(address, unknownToken()).get(PATH));
    }

    private void assertTooManyFailedAuthentications(MockHttpServletResponse response) {
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).matches("[1-9][0-9]*");
        assertThat(codec.json().readTree(body(response)).get("type").asString())
                .isEqualTo("urn:dbaas:problem:too-many-failed-authentications");
    }

    private static String body(MockHttpServletResponse response) {
        try {
            return response.getContentAsString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long clustersOfTheAccount() {
        return jdbc.sql("select count(*) from clusters where account_id = :account")
                .param("account", account.id())
                .query(Long.class)
                .single();
    }

    private static String unknownToken() {
        return ManagementToken.generate(UUID.randomUUID()).value();
    }
}

package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Orion deployed behind a proxy it trusts (as in Kubernetes, where Spring Boot turns Tomcat's forwarded-header
 * handling on; here the proxy is the loopback peer, one of Tomcat's default internal proxies): the audit trail records
 * the client the proxy forwarded, not the proxy.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class TrustedProxyAuditTests extends OrionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theForwardedClientIsRecordedWhenTheProxyIsTrusted() {
        Response issued = as(account.adminToken())
                .post(
                        "/v1/accounts/" + account.id() + "/credentials",
                        "{\"name\": \"behind the ingress\", \"role\": \"viewer\"}",
                        "X-Forwarded-For",
                        "203.0.113.9");

        assertThat(issued.status()).isEqualTo(201);
        assertThat(new AuditRows(jdbc).of(account.id(), "credential.issue"))
                .singleElement()
                .satisfies(event -> assertThat(event).containsEntry("client_address", "203.0.113.9"));
    }
}

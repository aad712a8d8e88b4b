package io.dbaas.orion.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The test context starts Orion with {@code orion.bootstrap.admin-token} set, as an operator would. */
class BootstrapTests extends OrionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformBootstrap bootstrap;

    @Test
    void configuredTokenBelongsToTheOperatorOfTheOnePlatformAccount() {
        ManagementToken configured = ManagementToken.parse(OPERATOR_TOKEN).orElseThrow();

        var row = jdbc.sql("""
                        select c.role, c.token_hash, a.platform
                        from credentials c join accounts a on a.id = c.account_id
                        where c.id = :id""").param("id", configured.credentialId()).query().singleRow();

        assertThat(row.get("role")).isEqualTo("OPERATOR");
        assertThat(row.get("platform")).isEqualTo(true);
        assertThat((byte[]) row.get("token_hash")).isEqualTo(configured.hash());
        assertThat(platformAccounts()).isEqualTo(1);
    }

    @Test
    void operatorAlsoAdministersThePlatformAccount() {
        UUID platform = jdbc.sql("select id from accounts where platform")
                .query(UUID.class)
                .single();

        assertThat(as(OPERATOR_TOKEN).post("/v1/clusters", Claims.VALID).status())
                .isEqualTo(202);
        assertThat(as(OPERATOR_TOKEN)
                        .get("/v1/accounts/" + platform + "/credentials")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void laterStartsCreateNothing() throws Exception {
        long credentials =
                jdbc.sql("select count(*) from credentials").query(Long.class).single();

        bootstrap.run(new DefaultApplicationArguments());

        assertThat(platformAccounts()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from credentials")
                        .query(Long.class)
                        .single())
                .isEqualTo(credentials);
    }

    private long platformAccounts() {
        return jdbc.sql("select count(*) from accounts where platform")
                .query(Long.class)
                .single();
    }
}

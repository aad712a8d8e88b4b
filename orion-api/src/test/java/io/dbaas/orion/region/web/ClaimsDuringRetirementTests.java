package io.dbaas.orion.region.web;

import static io.dbaas.orion.region.web.RegionAdministrationTests.newRegion;
import static io.dbaas.orion.region.web.RegionAdministrationTests.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.orion.support.AtOnce;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims and a retirement of one region are decided one after the other (both take the region's lock): either the
 * claims land and the retirement is refused, or the region is retired and the claims are refused. Never a cluster in a
 * region nobody offers.
 */
class ClaimsDuringRetirementTests extends OrionIntegrationTests {

    static final int CLAIMS = 8;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void claimValidatedBeforeARetirementIsRefusedOnceItHasTheLock() throws Exception {
        String region = createdRegion();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection retirement = dataSource.getConnection()) {
            // Plays the retirement's transaction by hand, so that the claim is certainly between its validation (the
            // region is offered) and the region's lock.
            retirement.setAutoCommit(false);
            execute(
                    retirement,
                    "select 1 from region_capacities where provider = ? and region = ? for no key update",
                    region);
            Future<Response> claim = thread.submit(() -> post("/v1/clusters", Claims.in(Regions.PROVIDER, region)));
            await().atMost(Duration.ofSeconds(20)).until(this::sessionsWaitingForTheRegionLock, waiting -> waiting > 0);
            execute(retirement, "update regions set retired_at = now() where provider = ? and region = ?", region);
            retirement.commit();

            Response refused = claim.get();

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-claim");
            assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("region");
        } finally {
            thread.shutdownNow();
        }
        assertThat(clustersIn(region)).as("nothing stored").isZero();
    }

    @Test
    void claimsRacingARetirementNeverLeaveAClusterInARetiredRegion() throws Exception {
        for (int round = 0; round < 3; round++) {
            String region = createdRegion();
            // A connection per thread first, so that the requests below arrive together.
            AtOnce.fire(CLAIMS + 1, () -> get("/v1/providers"));

            var first = new AtomicBoolean(true);
            List<Response> answers = AtOnce.fire(
                    CLAIMS + 1,
                    () -> first.getAndSet(false)
                            ? as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region))
                            : post("/v1/clusters", Claims.in(Regions.PROVIDER, region)));

            Response retirement = answers.stream()
                    .filter(answer -> answer.status() == 204 || answer.status() == 409)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no answer to the retirement among " + statuses(answers)));
            List<Response> claims =
                    answers.stream().filter(answer -> answer != retirement).toList();
            assertThat(claims)
                    .extracting(Response::status)
                    .as("no claim failed otherwise")
                    .allMatch(status -> status == 202 || status == 400);
            long accepted =
                    claims.stream().filter(claim -> claim.status() == 202).count();
            if (retirement.status() == 204) {
                assertThat(clustersIn(region))
                        .as("retired: no cluster was left in it")
                        .isZero();
                assertThat(accepted).isZero();
            } else {
                assertThat(accepted).as("refused: a claim was there first").isPositive();
                assertThat(clustersIn(region)).isEqualTo(accepted);
                assertThat(retirement.json().get("clusters").asLong()).isLessThanOrEqualTo(accepted);
            }
        }
    }

    private String createdRegion() {
        String region = newRegion();
        Response created = as(OPERATOR_TOKEN).put(path(Regions.PROVIDER, region), """
                {"capacity": {"cpu": "1000", "memory": "1000Gi", "disk": "100Ti"}}""");
        assertThat(created.status()).isEqualTo(201);
        return region;
    }

    private long sessionsWaitingForTheRegionLock() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where wait_event_type = 'Lock' and query ilike '%region_capacities%'""").query(Long.class).single();
    }

    private long clustersIn(String region) {
        return jdbc.sql("select count(*) from clusters where provider = :provider and region = :region")
                .param("provider", Regions.PROVIDER)
                .param("region", region)
                .query(Long.class)
                .single();
    }

    private static void execute(Connection connection, String sql, String region) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, Regions.PROVIDER);
            statement.setString(2, region);
            statement.execute();
        }
    }

    private static List<Integer> statuses(List<Response> answers) {
        return answers.stream().map(Response::status).toList();
    }
}

package io.dbaas.orion.capacity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.AtOnce;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A burst of claims at a region that fits only some of them never allocates more than the region holds. */
class ConcurrentClaimsTests extends OrionIntegrationTests {

    static final int CLAIMS = 20;
    static final int FITS = 5;

    @Autowired
    JdbcClient jdbc;

    @Test
    void parallelClaimsNeverOverAllocateARegion() throws Exception {
        String region = Regions.unused();
        Response sized = as(OPERATOR_TOKEN)
                .put(
                        "/v1/providers/" + Regions.PROVIDER + "/regions/" + region + "/capacity",
                        CapacityTests.roomFor(FITS));
        assertThat(sized.status()).isEqualTo(200);

        // Opens a connection per thread first, so that the claims below arrive together rather than one TCP
        // handshake apart: without the region's lock, this burst over-allocates.
        AtOnce.fire(CLAIMS, () -> capacityOf(region));
        List<Response> responses = AtOnce.fire(CLAIMS, () -> post("/v1/clusters", Claims.in(Regions.PROVIDER, region)));

        assertThat(responses).extracting(Response::status).containsOnly(202);
        Map<String, Long> states = responses.stream()
                .map(response -> response.json().get("state").asString())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(states)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("PENDING", (long) FITS, "WAITING_FOR_CAPACITY", (long) (CLAIMS - FITS)));
        assertThat(count(
                        "select count(*) from resource_claims where region = :region and allocated_at is not null",
                        region))
                .isEqualTo(FITS);
        assertThat(count("""
                        select count(*) from outbox_messages m join clusters c on m.message_key = c.id::text
                        where c.region = :region""", region))
                .as("one provisioning command per allocated claim, none for the waiting ones")
                .isEqualTo(FITS);
        assertThat(allocated(region, "cpu")).isLessThanOrEqualTo(capacity(region, "cpu"));
        assertThat(allocated(region, "memory")).isLessThanOrEqualTo(capacity(region, "memory"));
        assertThat(allocated(region, "disk")).isLessThanOrEqualTo(capacity(region, "disk"));
    }

    private Response capacityOf(String region) {
        return as(OPERATOR_TOKEN).get("/v1/providers/" + Regions.PROVIDER + "/regions/" + region + "/capacity");
    }

    private long count(String sql, String region) {
        return jdbc.sql(sql).param("region", region).query(Long.class).single();
    }

    private BigDecimal allocated(String region, String column) {
        return jdbc.sql("select coalesce(sum(" + column + "), 0) from resource_claims"
                        + " where region = :region and allocated_at is not null")
                .param("region", region)
                .query(BigDecimal.class)
                .single();
    }

    private BigDecimal capacity(String region, String column) {
        return jdbc.sql("select " + column + " from region_capacities where region = :region")
                .param("region", region)
                .query(BigDecimal.class)
                .single();
    }
}

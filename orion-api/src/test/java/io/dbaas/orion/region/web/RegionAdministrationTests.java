package io.dbaas.orion.region.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The platform operator adds, describes and retires regions of the provider catalog through the API: what it adds is
 * listed and claimable at once, what it retires leaves the catalog, and a region is never retired from under a cluster.
 */
class RegionAdministrationTests extends LifecycleIntegrationTests {

    /** Room for exactly one claim of {@link Claims#in}: 3 nodes of 500m CPU, 1Gi memory and 10Gi disk. */
    static final String ROOM_FOR_ONE = """
            {"cpu": "1500m", "memory": "3Gi", "disk": "30Gi"}""";

    @Test
    void operatorCreatesARegionThatIsListedAndClaimable() {
        String region = newRegion();

        Response created = putRegion(region, """
                {"display_name": "Test Cloud, lab %s", "capacity": %s}""".formatted(region, ROOM_FOR_ONE));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("provider").asString()).isEqualTo(Regions.PROVIDER);
        assertThat(body.get("region").asString()).isEqualTo(region);
        assertThat(body.get("display_name").asString()).isEqualTo("Test Cloud, lab " + region);
        assertThat(body.get("added_by").asString()).isEqualTo("operator");
        assertThat(body.get("capacity").get("cpu").asString()).isEqualTo("1500m");
        assertThat(body.get("capacity").get("disk").asString()).isEqualTo("30Gi");
        assertThat(body.get("capacity_set_by").asString()).isEqualTo("operator");

        JsonNode listed = listedRegion(Regions.PROVIDER, region);
        assertThat(listed).as("listed for every role").isNotNull();
        assertThat(listed.get("display_name").asString()).isEqualTo("Test Cloud, lab " + region);

        Response claimed = post("/v1/clusters", Claims.in(Regions.PROVIDER, region));
        assertThat(claimed.status()).isEqualTo(202);
        assertThat(claimed.json().get("state").asString())
                .as("the region holds it")
                .isEqualTo("PENDING");
        assertThat(claimed.json().get("endpoint").asString())
                .startsWith(claimed.json().get("id").asString() + "." + region + "." + Regions.PROVIDER + ".");
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("1500m");
    }

    @Test
    void regionOfANewProviderBringsTheProviderIntoTheCatalogAndOutAgain() {
        String provider = "cloud-" + suffix();

        assertThat(putRegion(provider, "north-1", "{}").status()).isEqualTo(201);

        assertThat(listedRegion(provider, "north-1").get("display_name").asString())
                .as("the id when the operator gave no name")
                .isEqualTo("north-1");
        assertThat(as(OPERATOR_TOKEN)
                        .delete("/v1/providers/" + provider + "/regions/north-1")
                        .status())
                .isEqualTo(204);
        assertThat(providerIds()).doesNotContain(provider);
        Response claimed = post("/v1/clusters", Claims.in(provider, "north-1"));
        assertThat(claimed.status()).isEqualTo(400);
        assertThat(claimed.json().get("errors").findValuesAsString("field")).containsExactly("provider");
    }

    @Test
    void newRegionWithoutCapacityHoldsNothingSoItsClaimsWait() {
        String region = newRegion();

        Response created = as(OPERATOR_TOKEN).put(path(Regions.PROVIDER, region), "");

        assertThat(created.status()).as("the body may be left out").isEqualTo(201);
        assertThat(created.json().get("capacity").get("cpu").asString()).isEqualTo("0");
        assertThat(created.json().get("capacity_set_by").asString()).isEqualTo("configuration");
        Response claimed = post("/v1/clusters", Claims.in(Regions.PROVIDER, region));
        assertThat(claimed.status()).isEqualTo(202);
        assertThat(claimed.json().get("state").asString()).isEqualTo("WAITING_FOR_CAPACITY");
    }

    @Test
    void sendingTheSamePutAgainChangesNothing() {
        String region = newRegion();
        String request = """
                {"display_name": "Lab", "capacity": %s}""".formatted(ROOM_FOR_ONE);
        JsonNode first = putRegion(region, request).json();

        Response again = putRegion(region, request);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first);
        assertThat(providerRegionIds(Regions.PROVIDER).stream().filter(region::equals))
                .hasSize(1);
    }

    @Test
    void putDescribesARegionAnewAndKeepsItsCapacityWhenLeftOut() {
        String region = newRegion();
        putRegion(region, """
                {"display_name": "Lab", "capacity": %s}""".formatted(ROOM_FOR_ONE));

        Response updated = putRegion(region, """
                {"display_name": "Laboratory"}""");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("display_name").asString()).isEqualTo("Laboratory");
        assertThat(updated.json().get("capacity").get("memory").asString()).isEqualTo("3Gi");
        assertThat(listedRegion(Regions.PROVIDER, region).get("display_name").asString())
                .isEqualTo("Laboratory");
        Response resized = putRegion(region, """
                {"capacity": {"cpu": "3", "memory": "6Gi", "disk": "60Gi"}}""");
        assertThat(resized.json().get("display_name").asString())
                .as("PUT replaces the description: left out, the id shows")
                .isEqualTo(region);
        assertThat(capacity(region).get("capacity").get("cpu").asString()).isEqualTo("3");
    }

    @Test
    void onlyTheOperatorManagesRegions() {
        String existing = newRegion();
        putRegion(existing, "{}");
        String absent = newRegion();

        for (String token : List.of(account.adminToken(), credential("viewer"))) {
            assertThat(as(token).put(path(Regions.PROVIDER, absent), "{}").status())
                    .isEqualTo(403);
            assertThat(as(token).delete(path(Regions.PROVIDER, existing)).status())
                    .isEqualTo(403);
        }
        assertThat(anonymous().put(path(Regions.PROVIDER, absent), "{}").status())
                .isEqualTo(401);
        assertThat(anonymous().delete(path(Regions.PROVIDER, existing)).status())
                .isEqualTo(401);

        assertThat(providerRegionIds(Regions.PROVIDER))
                .as("nothing changed")
                .contains(existing)
                .doesNotContain(absent);
    }

    @Test
    void regionHoldingAClusterIsNotRetiredUntilTheClusterIsDeleted() {
        String region = newRegion();
        putRegion(region, """
                {"capacity": %s}""".formatted(ROOM_FOR_ONE));
        UUID cluster = runningCluster(Claims.in(Regions.PROVIDER, region));

        Response refused = as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:region-in-use");
        assertThat(refused.json().get("clusters").asLong()).isEqualTo(1);
        assertThat(refused.json().get("claims_waiting").asLong()).isZero();
        assertThat(providerRegionIds(Regions.PROVIDER)).as("still offered").contains(region);
        assertThat(post("/v1/clusters?dry_run=true", Claims.in(Regions.PROVIDER, region))
                        .status())
                .as("still claimable")
                .isEqualTo(200);
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("1500m");

        UUID deletion = operationIdOf(delete("/v1/clusters/" + cluster));
        nebula.deleted(cluster, deletion);
        awaitState(cluster, "DELETED");

        assertThat(as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region)).status())
                .as("a DELETED cluster does not hold its region")
                .isEqualTo(204);
        assertThat(providerRegionIds(Regions.PROVIDER)).doesNotContain(region);
    }

    @Test
    void claimWaitingForCapacityHoldsItsRegion() {
        String region = newRegion();
        putRegion(region, "{}");
        UUID waiting = id(post("/v1/clusters", Claims.in(Regions.PROVIDER, region)));

        Response refused = as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("clusters").asLong()).isEqualTo(1);
        assertThat(refused.json().get("claims_waiting").asLong()).isEqualTo(1);
        assertThat(delete("/v1/clusters/" + waiting).status()).isEqualTo(202);
        assertThat(as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region)).status())
                .isEqualTo(204);
    }

    @Test
    void retiredRegionLeavesTheCatalogAndClaimsNamingItAreRefused() {
        String region = newRegion();
        putRegion(region, """
                {"capacity": %s}""".formatted(ROOM_FOR_ONE));

        Response retired = as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region));

        assertThat(retired.status()).isEqualTo(204);
        assertThat(providerRegionIds(Regions.PROVIDER)).doesNotContain(region);
        for (String claimPath : List.of("/v1/clusters", "/v1/clusters?dry_run=true")) {
            Response claimed = post(claimPath, Claims.in(Regions.PROVIDER, region));
            assertThat(claimed.status()).isEqualTo(400);
            assertThat(claimed.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-claim");
            assertThat(claimed.json().get("errors").findValuesAsString("field")).containsExactly("region");
        }
        assertThat(as(OPERATOR_TOKEN)
                        .get(path(Regions.PROVIDER, region) + "/capacity")
                        .status())
                .isEqualTo(404);
        Response again = as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region));
        assertThat(again.status()).as("no longer offered").isEqualTo(404);
        assertThat(again.json().get("type").asString()).isEqualTo("urn:dbaas:problem:region-not-found");
    }

    @Test
    void retiredRegionIsOfferedAgainByAPut() {
        String region = newRegion();
        putRegion(region, """
                {"display_name": "Lab", "capacity": %s}""".formatted(ROOM_FOR_ONE));
        as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, region));

        Response back = putRegion(region, """
                {"display_name": "Lab again"}""");

        assertThat(back.status()).as("offered anew").isEqualTo(201);
        assertThat(back.json().get("display_name").asString()).isEqualTo("Lab again");
        assertThat(back.json().get("capacity").get("cpu").asString())
                .as("the capacity it had")
                .isEqualTo("1500m");
        assertThat(post("/v1/clusters", Claims.in(Regions.PROVIDER, region)).status())
                .isEqualTo(202);
    }

    @Test
    void namesThatAreNotDnsLabelsAreRefusedNamingTheField() {
        Response bothWrong = as(OPERATOR_TOKEN).put("/v1/providers/Test_Cloud/regions/-north-", "{}");
        Response tooLong = putRegion("r" + "x".repeat(63), "{}");
        Response dotted = putRegion("eu.west", "{}");

        assertThat(bothWrong.status()).isEqualTo(400);
        assertThat(bothWrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bothWrong.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        assertThat(bothWrong.json().get("errors").findValuesAsString("field")).containsExactly("provider", "region");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").findValuesAsString("field")).containsExactly("region");
        assertThat(dotted.status()).isEqualTo(400);
        assertThat(dotted.json().get("errors").findValuesAsString("field")).containsExactly("region");
        assertThat(providerIds()).doesNotContain("Test_Cloud");
        assertThat(providerRegionIds(Regions.PROVIDER)).doesNotContain("r" + "x".repeat(63), "eu.west");
    }

    @Test
    void badDescriptionIsRefusedNamingEveryFieldAndCreatesNothing() {
        String region = newRegion();

        Response response = putRegion(region, """
                {"display_name": "  ", "capacity": {"cpu": "lots", "disk": "1Ti"}}""");
        Response unknownField = putRegion(region, """
                {"zones": ["a"]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactly("display_name", "capacity.cpu", "capacity.memory");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("type").asString()).isEqualTo("urn:dbaas:problem:malformed-request");
        assertThat(providerRegionIds(Regions.PROVIDER)).doesNotContain(region);
    }

    @Test
    void retiringARegionThatIsNotOfferedIsNotFound() {
        Response response = as(OPERATOR_TOKEN).delete(path(Regions.PROVIDER, newRegion()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:region-not-found");
    }

    private Response putRegion(String region, String json) {
        return putRegion(Regions.PROVIDER, region, json);
    }

    private Response putRegion(String provider, String region, String json) {
        return as(OPERATOR_TOKEN).put(path(provider, region), json);
    }

    static String path(String provider, String region) {
        return "/v1/providers/" + provider + "/regions/" + region;
    }

    /** A region name no test used yet. */
    static String newRegion() {
        return "lab-" + suffix();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> providerIds() {
        return as(credential("viewer"))
                .get("/v1/providers")
                .json()
                .get("items")
                .valueStream()
                .map(item -> item.get("id").asString())
                .toList();
    }

    private List<String> providerRegionIds(String provider) {
        JsonNode regions = providerRegions(provider);
        return regions == null ? List.of() : regions.findValuesAsString("id");
    }

    private JsonNode listedRegion(String provider, String region) {
        JsonNode regions = providerRegions(provider);
        if (regions == null) {
            throw new AssertionError("provider " + provider + " is not listed");
        }
        return regions.valueStream()
                .filter(listed -> listed.get("id").asString().equals(region))
                .findFirst()
                .orElseThrow(() -> new AssertionError("region " + region + " is not listed"));
    }

    private @Nullable JsonNode providerRegions(String provider) {
        for (JsonNode item :
                as(credential("viewer")).get("/v1/providers").json().get("items")) {
            if (item.get("id").asString().equals(provider)) {
                return item.get("regions");
            }
        }
        return null;
    }

    private static UUID id(Response response) {
        if (response.status() != 202) {
            throw new AssertionError("not accepted: " + response.status() + " " + response.body());
        }
        return UUID.fromString(response.json().get("id").asString());
    }
}

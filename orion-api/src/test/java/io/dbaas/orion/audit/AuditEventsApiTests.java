package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/audit-events}: an account's admins read their own trail, the operator reads any account's; filters
 * narrow it and pages follow one another without gaps or repeats.
 */
class AuditEventsApiTests extends OrionIntegrationTests {

    @Test
    void adminReadsItsAccountsTrailNewestFirstWithWhoWhatWhereAndHow() {
        UUID viewer = ManagementToken.parse(credential("viewer")).orElseThrow().credentialId();

        Response listed = get("/v1/audit-events");

        assertThat(listed.status()).isEqualTo(200);
        JsonNode items = listed.json().get("items");
        assertThat(items.findValuesAsString("action")).containsExactly("credential.issue", "account.open");
        JsonNode issued = items.get(0);
        assertThat(issued.get("account_id").asString()).isEqualTo(account.id().toString());
        assertThat(issued.get("actor").get("credential_id").asString()).isEqualTo(admin().toString());
        assertThat(issued.get("actor").get("role").asString()).isEqualTo("admin");
        assertThat(issued.get("resource").get("type").asString()).isEqualTo("credential");
        assertThat(issued.get("resource").get("id").asString()).isEqualTo(viewer.toString());
        assertThat(issued.get("outcome").asString()).isEqualTo("accepted");
        assertThat(issued.get("status").asInt()).isEqualTo(201);
        assertThat(issued.get("problem_type").isNull()).isTrue();
        assertThat(issued.get("client_address").asString()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(issued.get("occurred_at").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(listed.json().get("next_page_token").isNull()).isTrue();
    }

    @Test
    void aViewerIsRefusedAndAnotherAccountsAdminSeesNothingOfThisOne() {
        String viewer = credential("viewer");
        TestAccount stranger = openAccount("stranger");

        Response byViewer = as(viewer).get("/v1/audit-events");
        Response strangerAsking = as(stranger.adminToken()).get("/v1/audit-events?account_id=" + account.id());
        Response strangersOwn = as(stranger.adminToken()).get("/v1/audit-events?page_size=200");

        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byViewer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(byViewer.json().get("type").asString()).isEqualTo("urn:dbaas:problem:forbidden");
        assertThat(strangerAsking.status()).isEqualTo(404);
        assertThat(strangerAsking.header("Content-Type")).startsWith("application/problem+json");
        assertThat(strangerAsking.json().get("type").asString()).isEqualTo("urn:dbaas:problem:account-not-found");
        assertThat(strangersOwn.status()).isEqualTo(200);
        assertThat(strangersOwn.json().get("items").findValuesAsString("account_id"))
                .containsOnly(stranger.id().toString());
        assertThat(strangersOwn.body()).doesNotContain(account.id().toString());
    }

    @Test
    void theOperatorReadsEveryAccountOrTheOneItNames() {
        TestAccount other = openAccount("other");

        Response all = as(OPERATOR_TOKEN).get("/v1/audit-events?action=account.open&page_size=200");
        Response one = as(OPERATOR_TOKEN).get("/v1/audit-events?account_id=" + other.id());

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("items").findValuesAsString("account_id"))
                .contains(account.id().toString(), other.id().toString());
        assertThat(one.json().get("items").findValuesAsString("account_id"))
                .containsOnly(other.id().toString());
        assertThat(one.json().get("items").findValuesAsString("action")).containsExactly("account.open");
    }

    @Test
    void filtersNarrowTheTrailAndPagesFollowOneAnother() {
        Instant before = Instant.now();
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            credentials.addFirst(ManagementToken.parse(credential("viewer"))
                    .orElseThrow()
                    .credentialId()
                    .toString());
        }
        delete("/v1/accounts/" + account.id() + "/credentials/" + admin());
        String issues = "/v1/audit-events?action=credential.issue&resource_type=credential&actor=" + admin();

        List<String> paged = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            Response page = get(issues + "&page_size=2" + (next.isEmpty() ? "" : "&page_token=" + next));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> paged.add(item.get("id").asString()));
            JsonNode token = page.json().get("next_page_token");
            next = token.isNull() ? "" : token.asString();
            pages++;
        } while (!next.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(resourceIds(issues)).isEqualTo(credentials);
        assertThat(paged).hasSize(5).doesNotHaveDuplicates();
        assertThat(resourceIds("/v1/audit-events?resource_id=" + credentials.get(2)))
                .containsExactly(credentials.get(2));
        assertThat(resourceIds("/v1/audit-events?outcome=refused")).containsExactly(admin().toString());
        assertThat(resourceIds("/v1/audit-events?action=account.open&since=" + before))
                .as("opened before the test began")
                .isEmpty();
        assertThat(resourceIds("/v1/audit-events?action=credential.issue&until=" + before))
                .isEmpty();
        assertThat(resourceIds("/v1/audit-events?actor=" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void wrongParametersAreNamedInOneAnswer() {
        Response refused = get("/v1/audit-events?page_size=0&since=yesterday&actor=someone&outcome=maybe"
                + "&page_token=nonsense&account_id=42");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("page_size", "since", "actor", "outcome", "page_token", "account_id");
        assertThat(get("/v1/audit-events?page_size=201").status()).isEqualTo(400);
        assertThat(get("/v1/audit-events?page_size=200").status()).isEqualTo(200);
    }

    private List<String> resourceIds(String path) {
        Response listed = get(path);
        assertThat(listed.status()).as(path).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listed.json()
                .get("items")
                .forEach(item -> ids.add(item.get("resource").get("id").asString()));
        return ids;
    }

    private UUID admin() {
        return ManagementToken.parse(account.adminToken()).orElseThrow().credentialId();
    }
}

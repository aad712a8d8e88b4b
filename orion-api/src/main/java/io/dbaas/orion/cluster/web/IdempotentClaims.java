package io.dbaas.orion.cluster.web;

import io.dbaas.orion.cluster.AcceptedClaim;
import io.dbaas.orion.cluster.Claim;
import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.idempotency.IdempotencyKeys;
import io.dbaas.orion.idempotency.RecordedResponse;
import io.dbaas.orion.operation.web.OperationResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims made with an {@code Idempotency-Key}. The key, the cluster, its allocation, its command and the response are
 * committed in one transaction, so a key is recorded exactly when its cluster exists. The response is recorded as the
 * client received it, because a repeat must get the same answer even after the cluster has moved on.
 */
@Component
class IdempotentClaims {

    private final IdempotencyKeys keys;
    private final ClusterClaims claims;
    private final JsonMapper json;

    IdempotentClaims(IdempotencyKeys keys, ClusterClaims claims, JsonMapper json) {
        this.keys = keys;
        this.claims = claims;
        this.json = json;
    }

    /**
     * The response to send, and whether it replays an earlier request's. {@code operationLocation} is read from the
     * recorded body, so that a replay names the operation the first response named.
     */
    record Answer(RecordedResponse response, boolean replayed, String operationLocation) {}

    @Transactional
    public Answer claim(UUID accountId, String key, Claim claim) {
        Optional<RecordedResponse> earlier = keys.take(accountId, key, fingerprint(claim));
        if (earlier.isPresent()) {
            return new Answer(earlier.get(), true, operationLocation(earlier.get()));
        }
        AcceptedClaim accepted = claims.claim(accountId, claim);
        var response = new RecordedResponse(
                HttpStatus.ACCEPTED.value(),
                ClusterController.location(accepted.cluster()),
                json.writeValueAsString(ClusterResponse.of(accepted.cluster(), accepted.creation())));
        keys.record(accountId, key, response);
        return new Answer(response, false, OperationResponse.location(accepted.creation()));
    }

    /** Responses recorded before operations existed name none; their replay sends no {@code Operation-Location}. */
    private String operationLocation(RecordedResponse recorded) {
        JsonNode operation = json.readTree(recorded.body()).path("operation").path("id");
        return operation.isString() ? "/v1/operations/" + operation.asString() : "";
    }

    /**
     * The claim as parsed, not as typed: field order and white space do not make a different request, a different
     * value does.
     */
    private byte[] fingerprint(Claim claim) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(claim).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.dbaas.contracts.security.ClusterTokens;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RecordingUpstream.Received;
import io.dbaas.gatekeeper.support.TestCluster;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * API keys of the current format and bearer tokens, against a real upstream: who gets through, what the cluster sees,
 * and that every refusal looks exactly the same.
 */
class CredentialsIT extends GateKeeperIntegrationTest {

    private static final String UNAUTHENTICATED = "urn:dbaas:problem:unauthenticated";
    private static final String READ_ONLY = "urn:dbaas:problem:read-only-credential";

    private TestCluster cluster;
    private TestCluster other;

    @BeforeEach
    void clusters() {
        cluster = provisioned(UPSTREAM_A);
        other = provisioned(UPSTREAM_B);
    }

    @Test
    void everyRefusedApiKeyGetsTheSameAnswerAndNothingReachesTheCluster() {
        Instant past = Instant.now().minus(Duration.ofMinutes(1));
        String valid = cluster.newApiKey();
        String tamperedChecksum = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");
        List<String> refused = List.of(
                "not-a-key",
                tamperedChecksum,
                other.newApiKey(),
                cluster.newKey(KeyScope.READ_WRITE, past).key(),
                cluster.masterKey());

        Set<String> bodies = new LinkedHashSet<>();
        for (String key : refused) {
            bodies.add(assertProblem(
                    request(HttpMethod.GET, "/collections", "api-key", key)
                            .expectHeader()
                            .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "ApiKey .*Bearer .*"),
                    401,
                    UNAUTHENTICATED));
        }
        bodies.add(assertProblem(request(HttpMethod.GET, "/collections", null, null), 401, UNAUTHENTICATED));

        assertThat(bodies).hasSize(1);
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void aKeyThatExpiresLaterStillOpensTheCluster() {
        String key = cluster.newKey(KeyScope.READ_WRITE, Instant.now().plus(Duration.ofHours(1)))
                .key();

        request(HttpMethod.GET, "/collections", "api-key", key).expectStatus().isOk();
    }

    @Test
    void aValidTokenReachesTheClusterWhichSeesTheMasterKeyAndNoAuthorization() {
        String token = cluster.newToken(KeyScope.READ_WRITE);

        request(HttpMethod.PUT, "/collections/docs", HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .expectStatus()
                .isOk();

        Received received = UPSTREAM_A.received().getLast();
        assertThat(received.header(HttpHeaders.AUTHORIZATION)).isEmpty();
        assertThat(received.header("api-key")).containsExactly(cluster.masterKey());
        assertThat(received.headers().toString()).doesNotContain(token);
    }

    @Test
    void everyRefusedTokenGetsTheSameAnswerAsARefusedKey() throws Exception {
        byte[] signingKey = ClusterTokens.signingKey(cluster.masterKey());
        Instant now = Instant.now();
        JWTClaimsSet good = claims(cluster.id(), "read-write", now.plus(Duration.ofMinutes(5)));
        KeyPair rsa = rsaKeyPair();
        SignedJWT rs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), good);
        rs256.sign(new RSASSASigner(rsa.getPrivate()));
        List<String> refused = List.of(
                new PlainJWT(new PlainHeader(), good).serialize(),
                hs(JWSAlgorithm.HS256, ClusterTokens.signingKey(other.masterKey()), good),
                rs256.serialize(),
                hs(JWSAlgorithm.HS512, concat(signingKey, signingKey), good),
                hs(JWSAlgorithm.HS256, signingKey, claims(cluster.id(), "read-write", now.minusSeconds(1))),
                hs(JWSAlgorithm.HS256, signingKey, claims(cluster.id(), null, now.plus(Duration.ofMinutes(5)))),
                hs(JWSAlgorithm.HS256, signingKey, claims(other.id(), "read-write", now.plus(Duration.ofMinutes(5)))),
                other.newToken(KeyScope.READ_WRITE),
                "not.a.jwt");

        Set<String> bodies = new LinkedHashSet<>();
        bodies.add(assertProblem(request(HttpMethod.GET, "/", "api-key", "not-a-key"), 401, UNAUTHENTICATED));
        for (String token : refused) {
            bodies.add(assertProblem(
                    request(HttpMethod.GET, "/", HttpHeaders.AUTHORIZATION, "Bearer " + token), 401, UNAUTHENTICATED));
        }
        bodies.add(assertProblem(
                request(HttpMethod.GET, "/", HttpHeaders.AUTHORIZATION, "Basic ZWxhc3RpYzpwYXNzd29yZA=="),
                401,
                UNAUTHENTICATED));

        assertThat(bodies).hasSize(1);
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void aReadOnlyKeyOrTokenReadsIncludingReadOnlyPostsButDoesNotWrite() {
        String key = cluster.newReadOnlyKey();
        String token = cluster.newToken(KeyScope.READ_ONLY);

        request(HttpMethod.GET, "/collections/docs", "api-key", key)
                .expectStatus()
                .isOk();
        request(HttpMethod.POST, "/collections/docs/points/search", "api-key", key)
                .expectStatus()
                .isOk();
        request(HttpMethod.POST, "/collections/docs/points/query", HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .expectStatus()
                .isOk();
        assertThat(UPSTREAM_A.received()).hasSize(3);
        UPSTREAM_A.forget();

        assertProblem(request(HttpMethod.PUT, "/collections/docs/points", "api-key", key), 403, READ_ONLY);
        assertProblem(request(HttpMethod.DELETE, "/collections/docs", "api-key", key), 403, READ_ONLY);
        assertProblem(
                request(
                        HttpMethod.POST,
                        "/collections/docs/points/delete",
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + token),
                403,
                READ_ONLY);
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void aReadWriteKeyWrites() {
        request(HttpMethod.POST, "/collections/docs/points/delete", "api-key", cluster.newApiKey())
                .expectStatus()
                .isOk();

        assertThat(UPSTREAM_A.received()).singleElement().satisfies(received -> assertThat(received.rawPath())
                .isEqualTo("/collections/docs/points/delete"));
    }

    private WebTestClient.ResponseSpec request(HttpMethod method, String path, String header, String value) {
        return gateway()
                .method(method)
                .uri(path)
                .header(HttpHeaders.HOST, cluster.host())
                .headers(headers -> {
                    if (header != null) {
                        headers.set(header, value);
                    }
                })
                .exchange();
    }

    private static JWTClaimsSet claims(UUID audience, String scope, Instant expiry) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ClusterTokens.ISSUER)
                .audience(audience.toString())
                .issueTime(new Date())
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString());
        if (scope != null) {
            claims.claim(ClusterTokens.SCOPE_CLAIM, scope);
        }
        return claims.build();
    }

    private static String hs(JWSAlgorithm algorithm, byte[] key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}

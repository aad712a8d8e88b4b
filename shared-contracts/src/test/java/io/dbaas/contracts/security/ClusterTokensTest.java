package io.dbaas.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.dbaas.contracts.security.ClusterTokens.VerifiedToken;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterTokensTest {

    static final UUID CLUSTER = UUID.fromString("9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final byte[] KEY = ClusterTokens.signingKey(ApiKeysTest.MASTER_KEY);

    @Test
    void signingKeyHas256BitsAndDiffersPerCluster() {
        assertThat(KEY).hasSize(32);
        assertThat(ClusterTokens.signingKey(ApiKeysTest.OTHER_MASTER_KEY)).isNotEqualTo(KEY);
    }

    @Test
    void issuedTokenIsVerifiedWithItsScopeAndExpiry() {
        UUID tokenId = UUID.randomUUID();
        String token =
                ClusterTokens.issue(KEY, CLUSTER, KeyScope.READ_ONLY, NOW, NOW.plus(Duration.ofMinutes(15)), tokenId);

        VerifiedToken verified =
                ClusterTokens.verify(KEY, CLUSTER, token, NOW.plusSeconds(60)).orElseThrow();

        assertThat(verified.scope()).isEqualTo(KeyScope.READ_ONLY);
        assertThat(verified.tokenId()).isEqualTo(tokenId.toString());
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void expiredTokenIsRefused() {
        String token =
                ClusterTokens.issue(KEY, CLUSTER, KeyScope.READ_WRITE, NOW, NOW.plusSeconds(60), UUID.randomUUID());

        assertThat(ClusterTokens.verify(KEY, CLUSTER, token, NOW.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void tokenOfAnotherClusterIsRefused() {
        String token = ClusterTokens.issue(
                KEY, UUID.randomUUID(), KeyScope.READ_WRITE, NOW, NOW.plusSeconds(600), UUID.randomUUID());

        assertThat(ClusterTokens.verify(KEY, CLUSTER, token, NOW)).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        byte[] otherKey = ClusterTokens.signingKey(ApiKeysTest.OTHER_MASTER_KEY);
        String token = ClusterTokens.issue(
                otherKey, CLUSTER, KeyScope.READ_WRITE, NOW, NOW.plusSeconds(600), UUID.randomUUID());

        assertThat(ClusterTokens.verify(KEY, CLUSTER, token, NOW)).isEmpty();
    }

    @Test
    void unsignedTokenWithAlgNoneIsRefused() {
        String token = new PlainJWT(validClaims().build()).serialize();
        String withSignatureStripped = signed(validClaims().build()).substring(0, token.lastIndexOf('.') + 1);

        assertThat(ClusterTokens.verify(KEY, CLUSTER, token, NOW)).isEmpty();
        assertThat(ClusterTokens.verify(KEY, CLUSTER, withSignatureStripped, NOW))
                .isEmpty();
    }

    @Test
    void headerSwitchedToNoneOnAGenuineTokenIsRefused() {
        String genuine = signed(validClaims().build());
        String noneHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        String forged = noneHeader + genuine.substring(genuine.indexOf('.'));

        assertThat(ClusterTokens.verify(KEY, CLUSTER, forged, NOW)).isEmpty();
    }

    @Test
    void tokenSignedWithAnAsymmetricAlgorithmIsRefused() throws Exception {
        var rsa = new RSAKeyGenerator(2048).generate();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), validClaims().build());
        jwt.sign(new RSASSASigner(rsa));

        assertThat(ClusterTokens.verify(KEY, CLUSTER, jwt.serialize(), NOW)).isEmpty();
    }

    @Test
    void tokenSignedWithHs512UnderTheRightKeyIsRefused() throws Exception {
        byte[] longKey = new byte[64];
        System.arraycopy(KEY, 0, longKey, 0, KEY.length);
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), validClaims().build());
        jwt.sign(new MACSigner(longKey));

        assertThat(ClusterTokens.verify(KEY, CLUSTER, jwt.serialize(), NOW)).isEmpty();
    }

    @Test
    void tokenWithoutScopeOrWithAnUnknownScopeIsRefused() {
        assertThat(ClusterTokens.verify(
                        KEY, CLUSTER, signed(validClaims().claim("scope", null).build()), NOW))
                .isEmpty();
        assertThat(ClusterTokens.verify(
                        KEY,
                        CLUSTER,
                        signed(validClaims().claim("scope", "admin").build()),
                        NOW))
                .isEmpty();
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        assertThat(ClusterTokens.verify(
                        KEY, CLUSTER, signed(validClaims().expirationTime(null).build()), NOW))
                .isEmpty();
    }

    @Test
    void keyPointersInTheHeaderAreIgnoredTheClusterKeyAloneDecides() throws Exception {
        // kid, jku and x5u name a key elsewhere; the verifier must never take its key from the token it verifies.
        JWSHeader pointingElsewhere = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID("attacker-key")
                .jwkURL(URI.create("https://attacker.example/jwks.json"))
                .x509CertURL(URI.create("https://attacker.example/cert.pem"))
                .build();
        byte[] attackerKey = ClusterTokens.signingKey(ApiKeysTest.OTHER_MASTER_KEY);

        assertThat(ClusterTokens.verify(KEY, CLUSTER, signed(pointingElsewhere, attackerKey), NOW))
                .isEmpty();
        assertThat(ClusterTokens.verify(KEY, CLUSTER, signed(pointingElsewhere, KEY), NOW))
                .map(VerifiedToken::scope)
                .contains(KeyScope.READ_WRITE);
    }

    @Test
    void garbageIsRefused() {
        assertThat(ClusterTokens.verify(KEY, CLUSTER, "", NOW)).isEmpty();
        assertThat(ClusterTokens.verify(KEY, CLUSTER, "a.b.c", NOW)).isEmpty();
        assertThat(ClusterTokens.verify(KEY, CLUSTER, "dbk_not-a-token", NOW)).isEmpty();
    }

    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(ClusterTokens.ISSUER)
                .audience(CLUSTER.toString())
                .claim("scope", "read-write")
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String signed(JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(JWSHeader header, byte[] key) {
        try {
            var jwt = new SignedJWT(header, validClaims().build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dbaas.contracts.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived bearer tokens for one cluster: JWTs signed with HS256 under a 256-bit key derived from the cluster's
 * master key, so that GateKeeper verifies them with what it already holds.
 *
 * <p>Claims: {@code iss} {@value #ISSUER}, {@code aud} the cluster id, {@code scope} ({@code read-write} or
 * {@code read-only}), {@code iat}, {@code exp}, {@code jti}. Verification accepts HS256 only (no {@code none}, no
 * other algorithm, so no algorithm confusion), and refuses a token for another cluster, an expired token, a token
 * without expiry or without a known scope.
 */
public final class ClusterTokens {

    public static final String ISSUER = "dbaas-orion";
    public static final String SCOPE_CLAIM = "scope";
    private static final byte[] CONTEXT = "dbaas-cluster-token.v1".getBytes(StandardCharsets.US_ASCII);

    private ClusterTokens() {}

    /** What a verified token grants. */
    public record VerifiedToken(String tokenId, KeyScope scope, Instant expiresAt) {}

    /** The per-cluster signing key: HMAC-SHA256(master key, context), 256 bits. Derive once per cluster and keep. */
    public static byte[] signingKey(String masterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(CONTEXT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A signed token for the cluster; the compact JWS string is the secret, shown once. */
    public static String issue(
            byte[] signingKey, UUID clusterId, KeyScope scope, Instant issuedAt, Instant expiresAt, UUID tokenId) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(clusterId.toString())
                .claim(SCOPE_CLAIM, scope.id())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(tokenId.toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a cluster token", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies a presented token for the cluster at {@code now}. Empty for anything that is not a genuine, unexpired,
     * scoped HS256 token of this cluster; the reason is deliberately not told, so every refusal looks the same.
     */
    public static Optional<VerifiedToken> verify(byte[] signingKey, UUID clusterId, String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || jwt.getState() != JWSObject.State.SIGNED
                    || !jwt.verify(new MACVerifier(signingKey))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            String tokenId = claims.getJWTID();
            List<String> audience = claims.getAudience();
            if (expiry == null
                    || tokenId == null
                    || !now.isBefore(expiry.toInstant())
                    || !ISSUER.equals(claims.getIssuer())
                    || !audience.equals(List.of(clusterId.toString()))
                    || !(claims.getClaim(SCOPE_CLAIM) instanceof String scope)) {
                return Optional.empty();
            }
            return KeyScope.fromId(scope).map(s -> new VerifiedToken(tokenId, s, expiry.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package io.dbaas.orion.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A management token, {@code dbm_<credential id in hex>_<secret>}. The id lets Orion find the credential without
 * scanning; the secret (256 random bits when Orion makes it) is what proves possession. Only the SHA-256 of the whole
 * token is stored: a fast hash is enough because the token is random, not a password a person chose.
 */
public record ManagementToken(UUID credentialId, String secret) {

    private static final String PREFIX = "dbm_";
    private static final Pattern FORMAT = Pattern.compile("dbm_([0-9a-f]{32})_([A-Za-z0-9_-]{32,128})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** A new token with a 32-byte random secret. */
    public static ManagementToken generate(UUID credentialId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ManagementToken(
                credentialId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The token in {@code text}, or empty when it does not have the token's shape. */
    public static Optional<ManagementToken> parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String id = matcher.group(1);
        UUID credentialId =
                new UUID(HexFormat.fromHexDigitsToLong(id, 0, 16), HexFormat.fromHexDigitsToLong(id, 16, 32));
        return Optional.of(new ManagementToken(credentialId, matcher.group(2)));
    }

    /** The token as the client sends it. */
    public String value() {
        return PREFIX + HEX.toHexDigits(credentialId.getMostSignificantBits())
                + HEX.toHexDigits(credentialId.getLeastSignificantBits()) + "_" + secret;
    }

    /** SHA-256 of {@link #value()}: what is stored and compared. */
    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Never prints the secret, so a token that reaches a log line by mistake gives nothing away. */
    @Override
    public String toString() {
        return "ManagementToken[credentialId=" + credentialId + "]";
    }
}

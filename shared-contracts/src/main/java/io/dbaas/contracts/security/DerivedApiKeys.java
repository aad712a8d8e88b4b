package io.dbaas.contracts.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys derived from a cluster's master key with a salted hash, so that whoever holds the master key (GateKeeper)
 * can check a key without storing it.
 *
 * <p>A key reads {@code dbk_<salt><secret>}: a 16-byte random salt and HMAC-SHA256(master key, salt), both base64url
 * without padding (22 + 43 characters). The prefix makes a leaked key easy to spot.
 *
 * <p>This is the design's key in its simplest form: such a key can be neither revoked nor expired on its own; only
 * rotating the master key invalidates it.
 */
public final class DerivedApiKeys {

    public static final String PREFIX = "dbk_";
    private static final int SALT_BYTES = 16;
    private static final int SALT_CHARS = 22;
    private static final int SECRET_CHARS = 43;
    private static final int KEY_LENGTH = PREFIX.length() + SALT_CHARS + SECRET_CHARS;
    private static final byte[] CONTEXT = "dbaas-api-key.v1:".getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();

    private DerivedApiKeys() {}

    /** A new key for the cluster whose master key is given. */
    public static String newKey(String masterKey) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return PREFIX + base64(salt) + base64(secret(masterKey, salt));
    }

    /** Whether {@code presented} is a key derived from {@code masterKey}. Compares in constant time. */
    public static boolean matches(String masterKey, String presented) {
        if (presented.length() != KEY_LENGTH || !presented.startsWith(PREFIX)) {
            return false;
        }
        byte[] salt;
        byte[] secret;
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            salt = decoder.decode(presented.substring(PREFIX.length(), PREFIX.length() + SALT_CHARS));
            secret = decoder.decode(presented.substring(PREFIX.length() + SALT_CHARS));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(secret(masterKey, salt), secret);
    }

    private static byte[] secret(String masterKey, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(CONTEXT);
            return mac.doFinal(salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

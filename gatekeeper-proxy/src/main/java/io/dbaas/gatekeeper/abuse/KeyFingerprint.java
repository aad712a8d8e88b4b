package io.dbaas.gatekeeper.abuse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the rate limiter remembers a key by: a SHA-256 digest, so that a long-lived map never holds a usable key.
 *
 * @param digest the SHA-256 of the key's UTF-8 bytes
 */
record KeyFingerprint(byte[] digest) {

    static KeyFingerprint of(String apiKey) {
        try {
            return new KeyFingerprint(
                    MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyFingerprint that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "KeyFingerprint[" + HexFormat.of().formatHex(digest, 0, 4) + "…]";
    }
}

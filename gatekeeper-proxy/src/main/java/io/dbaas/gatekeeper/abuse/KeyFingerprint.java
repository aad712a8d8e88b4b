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

    /** Looked up once: finding the algorithm among the security providers costs more than hashing a key. */
    private static final MessageDigest SHA_256 = sha256();

    static KeyFingerprint of(String apiKey) {
        return new KeyFingerprint(copyOf(SHA_256).digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A fresh digest per call, so that nothing passes between requests or threads. The JDK's own SHA-256 can be cloned;
     * a security provider's that cannot is looked up anew.
     */
    private static MessageDigest copyOf(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
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

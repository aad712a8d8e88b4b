package io.dbaas.contracts.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a cluster's master key with AES-256-GCM under the control plane's key-encryption key, binding the ciphertext
 * to the cluster id (associated data): a sealed key copied onto another cluster does not open.
 *
 * <p>Format: {@code v1.} followed by base64url(12-byte nonce || ciphertext || 16-byte tag).
 */
public final class MasterKeyCipher {

    private static final String VERSION_PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec keyEncryptionKey;
    private final EventAuthentication eventAuthentication;
    private final SecureRandom random = new SecureRandom();

    public MasterKeyCipher(byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256)");
        }
        this.keyEncryptionKey = new SecretKeySpec(keyEncryptionKey, "AES");
        this.eventAuthentication = new EventAuthentication(keyEncryptionKey);
    }

    /** Builds a cipher from the base64 form used in configuration. */
    public static MasterKeyCipher fromBase64(String keyEncryptionKey) {
        try {
            return new MasterKeyCipher(Base64.getDecoder().decode(keyEncryptionKey.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes, base64-encoded");
        }
    }

    /**
     * The authentication of the events that carry a sealed key and a route, under a key derived from the same
     * key-encryption key: whoever can open the key can tell whether its route is Nebula's.
     */
    public EventAuthentication eventAuthentication() {
        return eventAuthentication;
    }

    public String seal(UUID clusterId, String masterKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, clusterId, nonce, masterKey.getBytes(StandardCharsets.UTF_8));
        ByteBuffer sealed = ByteBuffer.allocate(nonce.length + ciphertext.length);
        sealed.put(nonce).put(ciphertext);
        return VERSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.array());
    }

    /**
     * Opens a sealed master key.
     *
     * @throws SealedKeyException when the value is malformed, was sealed for another cluster, was tampered with, or
     *     was sealed under another key-encryption key
     */
    public String open(UUID clusterId, String sealed) {
        if (!sealed.startsWith(VERSION_PREFIX)) {
            throw new SealedKeyException("unknown sealed key format");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(VERSION_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedKeyException("sealed key is not base64url");
        }
        if (bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedKeyException("sealed key is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        return new String(run(Cipher.DECRYPT_MODE, clusterId, nonce, ciphertext), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, UUID clusterId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(clusterId.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Deliberately no detail: the cause says nothing useful and must not hint at key material.
            throw new SealedKeyException("sealed key does not open for this cluster with this key-encryption key");
        }
    }

    /** A sealed key that cannot be opened. */
    public static final class SealedKeyException extends RuntimeException {
        SealedKeyException(String message) {
            super(message);
        }
    }
}

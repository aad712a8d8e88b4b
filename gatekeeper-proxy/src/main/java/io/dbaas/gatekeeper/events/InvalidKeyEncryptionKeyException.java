package io.dbaas.gatekeeper.events;

/** GateKeeper cannot start: without a usable key-encryption key no sealed master key would ever open. */
public class InvalidKeyEncryptionKeyException extends RuntimeException {

    public static final String PROPERTY = "dbaas.key-encryption-key";

    private InvalidKeyEncryptionKeyException(String message) {
        super(message);
    }

    static InvalidKeyEncryptionKeyException missing() {
        return new InvalidKeyEncryptionKeyException(
                PROPERTY + " is not set; GateKeeper needs it to open the clusters' sealed master keys");
    }

    /** Deliberately without the value or the parser's message: either could reveal part of the key. */
    static InvalidKeyEncryptionKeyException invalid() {
        return new InvalidKeyEncryptionKeyException(PROPERTY + " is not the base64 encoding of 32 bytes");
    }
}

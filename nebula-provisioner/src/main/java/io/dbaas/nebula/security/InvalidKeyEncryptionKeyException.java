package io.dbaas.nebula.security;

/** The key-encryption key is missing or unusable; Nebula refuses to start rather than publish unsealable keys. */
public class InvalidKeyEncryptionKeyException extends RuntimeException {

    public InvalidKeyEncryptionKeyException(String message) {
        super(message);
    }
}

package io.dbaas.nebula.kubernetes.model;

/** The content of a generated Secret cannot be made, for example because a Secret it derives from is unreadable. */
public class SecretGenerationException extends RuntimeException {

    public SecretGenerationException(String message) {
        super(message);
    }

    public SecretGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}

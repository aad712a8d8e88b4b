package io.dbaas.contracts.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or invalid key-encryption key into a short start-up report instead of a stack trace, in every service
 * (registered in this module's {@code META-INF/spring.factories}).
 */
public class InvalidKeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidKeyEncryptionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidKeyEncryptionKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set " + InvalidKeyEncryptionKeyException.PROPERTY + " (environment variable "
                        + InvalidKeyEncryptionKeyException.ENVIRONMENT_VARIABLE + ") to the base64 encoding of 32"
                        + " random bytes, for example the output of 'openssl rand -base64 32'. Orion, Nebula and"
                        + " GateKeeper must share the same value: the key Nebula seals master keys with is the one the"
                        + " others open them with.",
                cause);
    }
}

package io.dbaas.nebula.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad key-encryption key into a short start-up report instead of a stack trace. */
class InvalidKeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidKeyEncryptionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidKeyEncryptionKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set dbaas.key-encryption-key (environment variable DBAAS_KEY_ENCRYPTION_KEY) to the base64 form of"
                        + " 32 random bytes, for example the output of 'openssl rand -base64 32'. Orion, Nebula and"
                        + " GateKeeper must share the same value.",
                cause);
    }
}

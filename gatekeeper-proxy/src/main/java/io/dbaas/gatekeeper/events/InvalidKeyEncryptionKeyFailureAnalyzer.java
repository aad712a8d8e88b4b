package io.dbaas.gatekeeper.events;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or invalid key-encryption key into a short start-up report instead of a stack trace. */
class InvalidKeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidKeyEncryptionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidKeyEncryptionKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set " + InvalidKeyEncryptionKeyException.PROPERTY
                        + " (or the environment variable DBAAS_KEY_ENCRYPTION_KEY) to the control plane's"
                        + " key-encryption key, the base64 encoding of 32 random bytes, for example the output of"
                        + " 'openssl rand -base64 32'. It must be the same key the provisioner seals master keys with.",
                cause);
    }
}

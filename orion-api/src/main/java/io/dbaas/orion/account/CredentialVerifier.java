package io.dbaas.orion.account;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tells who holds a management token: the credential it names must exist, be active and match its hash. */
@Service
public class CredentialVerifier {

    private final Credentials credentials;

    CredentialVerifier(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The caller behind {@code token}; empty for a malformed, unknown, revoked or wrong token alike. */
    @Transactional(readOnly = true)
    public Optional<Caller> verify(String token) {
        return ManagementToken.parse(token).flatMap(parsed -> credentials
                .findById(parsed.credentialId())
                .filter(credential -> credential.accepts(parsed))
                .map(credential -> new Caller(credential.accountId(), credential.id(), credential.role())));
    }
}

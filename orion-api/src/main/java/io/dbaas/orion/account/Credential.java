package io.dbaas.orion.account;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A management credential of an account: a role and the hash of its token. The token itself is kept nowhere. */
@Entity
@Table(name = "credentials")
public class Credential {

    @Id
    private UUID id;

    private UUID accountId;
    private String name;

    @Enumerated(EnumType.STRING)
    private Role role;

    private byte[] tokenHash;
    private Instant createdAt;
    private @Nullable Instant revokedAt;

    @SuppressWarnings("NullAway.Init")
    protected Credential() {}

    private Credential(UUID accountId, String name, Role role, ManagementToken token, Instant createdAt) {
        this.id = token.credentialId();
        this.accountId = accountId;
        this.name = name;
        this.role = role;
        this.tokenHash = token.hash();
        this.createdAt = createdAt;
    }

    static Credential of(UUID accountId, String name, Role role, ManagementToken token, Instant now) {
        return new Credential(accountId, name, role, token, now);
    }

    /** Whether {@code token} is this credential's, compared in constant time so timing says nothing of the hash. */
    boolean accepts(ManagementToken token) {
        return revokedAt == null && MessageDigest.isEqual(tokenHash, token.hash());
    }

    /** Refuses the token from now on. Revoking twice keeps the first time. */
    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }
}

package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.KeyScope;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * What Orion remembers of an API key it issued: its id, name, scope, expiry and last characters. The key itself is
 * shown once and kept nowhere; only the cluster's master key can check it.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey implements Persistable<String> {

    @Id
    private String keyId;

    private UUID clusterId;
    private UUID accountId;
    private String name;

    @Convert(converter = KeyScopeColumn.class)
    private KeyScope scope;

    private Instant createdAt;
    private @Nullable Instant expiresAt;
    private String lastCharacters;
    private @Nullable Instant revokedAt;
    private UUID createdBy;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** The id is the key's own, so without this Spring Data would take a new key for a stored one and merge it. */
    @Transient
    private boolean isNew;

    @SuppressWarnings("NullAway.Init")
    protected ApiKey() {}

    private ApiKey(
            String keyId,
            UUID clusterId,
            UUID accountId,
            String name,
            KeyScope scope,
            Instant createdAt,
            @Nullable Instant expiresAt,
            String lastCharacters,
            UUID createdBy) {
        this.keyId = keyId;
        this.clusterId = clusterId;
        this.accountId = accountId;
        this.name = name;
        this.scope = scope;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.lastCharacters = lastCharacters;
        this.createdBy = createdBy;
        this.isNew = true;
    }

    /** The record of a key just issued for a cluster of the account, by the credential {@code createdBy}. */
    static ApiKey issued(
            String keyId,
            UUID clusterId,
            UUID accountId,
            NewApiKey request,
            Instant createdAt,
            String lastCharacters,
            UUID createdBy) {
        return new ApiKey(
                keyId,
                clusterId,
                accountId,
                request.name(),
                request.scope(),
                createdAt,
                request.expiresAt(),
                lastCharacters,
                createdBy);
    }

    /**
     * Whether {@code keyId} has the form of a key id. Anything else names no key, and is best not repeated: it may be a
     * whole key pasted where its id belongs.
     */
    static boolean isWellFormedId(String keyId) {
        return KEY_ID.matcher(keyId).matches();
    }

    /** Refuses the key from now on; returns whether this call revoked it (false when it was revoked already). */
    boolean revoke(Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        return true;
    }

    /** Where the key stands at {@code now}: a revoked key stays revoked, whether or not it has expired since. */
    public ApiKeyState stateAt(Instant now) {
        if (revokedAt != null) {
            return ApiKeyState.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return ApiKeyState.EXPIRED;
        }
        return ApiKeyState.ACTIVE;
    }

    public String keyId() {
        return keyId;
    }

    public UUID clusterId() {
        return clusterId;
    }

    public String name() {
        return name;
    }

    public KeyScope scope() {
        return scope;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public String lastCharacters() {
        return lastCharacters;
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    @Override
    public String getId() {
        return keyId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    void stored() {
        isNew = false;
    }
}

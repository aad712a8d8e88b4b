package io.dbaas.orion.account;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant: it owns clusters and management credentials, and sees nothing of other accounts. */
@Entity
@Table(name = "accounts")
public class Account {

    @Id
    private UUID id;

    private String name;
    private boolean platform;
    private Instant createdAt;

    @SuppressWarnings("NullAway.Init")
    protected Account() {}

    private Account(UUID id, String name, boolean platform, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.platform = platform;
        this.createdAt = createdAt;
    }

    /** The platform's own account, created once at first start; its credentials may hold the operator role. */
    static Account platform(Instant now) {
        return new Account(UUID.randomUUID(), "platform", true, now);
    }

    static Account open(String name, Instant now) {
        return new Account(UUID.randomUUID(), name, false, now);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isPlatform() {
        return platform;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

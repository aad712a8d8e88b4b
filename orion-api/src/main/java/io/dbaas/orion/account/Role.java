package io.dbaas.orion.account;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a management credential may do. Each role includes the ones below it: an {@code operator} (a platform role,
 * held only in the platform account) also administers its own account, and an {@code admin} may read.
 */
public enum Role {
    /** Reads the account's clusters and the catalog. */
    VIEWER,
    /** Creates, changes and deletes the account's clusters, their API keys and the account's credentials. */
    ADMIN,
    /** Runs the platform: creates accounts, manages the provider catalog and capacity. */
    OPERATOR;

    /** The name clients read and write: {@code viewer}, {@code admin}, {@code operator}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }

    /** This role and every role it includes. */
    public Set<Role> included() {
        return EnumSet.range(VIEWER, this);
    }

    public boolean includes(Role other) {
        return included().contains(other);
    }
}

package io.dbaas.orion.account;

import io.dbaas.orion.Quote;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens accounts and manages their credentials. A caller reaches its own account only: any other account id is
 * answered as if it did not exist.
 */
@Service
public class AccountAdministration {

    private static final int MAX_NAME_LENGTH = 100;

    private final Accounts accounts;
    private final Credentials credentials;
    private final Clock clock;

    AccountAdministration(Accounts accounts, Credentials credentials, Clock clock) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Opens an account with a first {@code admin} credential. Only operators may call this. */
    @Transactional
    public NewAccount open(@Nullable String name) {
        Instant now = clock.instant();
        Account account = accounts.save(Account.open(validName("name", name), now));
        return new NewAccount(account, issue(account.id(), "first administrator", Role.ADMIN, now));
    }

    /**
     * Creates a credential with {@code role} in the caller's account and returns its token, shown this once.
     *
     * @throws AccessDeniedException when the caller asks for a role above its own (only operators make operators)
     */
    @Transactional
    public IssuedCredential issue(Caller caller, UUID accountId, @Nullable String name, @Nullable String role) {
        requireOwnAccount(caller, accountId);
        String validName = validName("name", name);
        if (role == null) {
            throw new InvalidAccountRequestException("role", "is required");
        }
        Role wanted = Role.fromId(role)
                .orElseThrow(() -> new InvalidAccountRequestException(
                        "role", "%s is not a role; roles: viewer, admin, operator".formatted(Quote.of(role))));
        if (!caller.role().includes(wanted)) {
            throw new AccessDeniedException(
                    "a " + caller.role().id() + " cannot create " + wanted.id() + " credentials");
        }
        return issue(accountId, validName, wanted, clock.instant());
    }

    /** The credentials of the caller's account, newest last, revoked ones included. */
    @Transactional(readOnly = true)
    public List<Credential> credentials(Caller caller, UUID accountId) {
        requireOwnAccount(caller, accountId);
        return credentials.findByAccountIdOrderByCreatedAt(accountId);
    }

    /**
     * Refuses the credential's token from now on. The account's last active administrator cannot be revoked: nobody,
     * operators included, could administer the account afterwards.
     */
    @Transactional
    public Credential revoke(Caller caller, UUID accountId, UUID credentialId) {
        requireOwnAccount(caller, accountId);
        // Locked so that two revocations at once cannot each leave "the other" administrator standing.
        accounts.lockById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
        Credential credential = credentials
                .findByIdAndAccountId(credentialId, accountId)
                .orElseThrow(() -> new CredentialNotFoundException(credentialId));
        if (administers(credential) && activeAdministrators(accountId) == 1) {
            throw new LastAdministratorException(credentialId);
        }
        credential.revoke(clock.instant());
        return credential;
    }

    private long activeAdministrators(UUID accountId) {
        return credentials.findByAccountIdOrderByCreatedAt(accountId).stream()
                .filter(AccountAdministration::administers)
                .count();
    }

    private static boolean administers(Credential credential) {
        return credential.revokedAt().isEmpty() && credential.role().includes(Role.ADMIN);
    }

    private IssuedCredential issue(UUID accountId, String name, Role role, Instant now) {
        ManagementToken token = ManagementToken.generate(UUID.randomUUID());
        Credential credential = credentials.save(Credential.of(accountId, name, role, token, now));
        return new IssuedCredential(credential, token);
    }

    /** Another account's id is answered as if it did not exist. */
    public static void requireOwnAccount(Caller caller, UUID accountId) {
        if (!caller.accountId().equals(accountId)) {
            throw new AccountNotFoundException(accountId);
        }
    }

    private static String validName(String field, @Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidAccountRequestException(field, "is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidAccountRequestException(field, "must be at most %d characters".formatted(MAX_NAME_LENGTH));
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidAccountRequestException(field, "must not contain control characters");
        }
        return name.strip();
    }
}

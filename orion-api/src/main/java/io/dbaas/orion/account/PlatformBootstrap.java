package io.dbaas.orion.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * At the very first start, creates the platform account and its first administrator, whose credential holds the
 * {@code operator} role (operators also administer their own account). Its token comes from
 * {@code orion.bootstrap.admin-token}, or is generated and printed once. Later starts find the platform account and do
 * nothing.
 */
@Component
class PlatformBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PlatformBootstrap.class);

    /** Serialises replicas that start together on an empty database, so only one creates the platform account. */
    private static final long BOOTSTRAP_LOCK = 0x6f72696f6eL;

    private final Accounts accounts;
    private final Credentials credentials;
    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final BootstrapProperties properties;
    private final Clock clock;

    PlatformBootstrap(
            Accounts accounts,
            Credentials credentials,
            JdbcClient jdbc,
            TransactionOperations transactions,
            BootstrapProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<ManagementToken> configured = configuredToken();
        ManagementToken token = configured.orElseGet(() -> ManagementToken.generate(UUID.randomUUID()));
        boolean created = Boolean.TRUE.equals(transactions.execute(status -> openPlatformUnlessOpen(token)));
        if (!created) {
            if (configured.isPresent()) {
                log.info("orion.bootstrap.admin-token is ignored: the platform account exists already");
            }
        } else if (configured.isPresent()) {
            log.info("First start: created the platform account; its administrator uses the configured"
                    + " orion.bootstrap.admin-token");
        } else {
            printOnce(token);
        }
    }

    private boolean openPlatformUnlessOpen(ManagementToken token) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)")
                .param("lock", BOOTSTRAP_LOCK)
                .query()
                .listOfRows();
        if (accounts.existsByPlatformTrue()) {
            return false;
        }
        Instant now = clock.instant();
        Account platform = accounts.save(Account.platform(now));
        credentials.save(Credential.of(platform.id(), "bootstrap administrator", Role.OPERATOR, token, now));
        return true;
    }

    private static void printOnce(ManagementToken token) {
        // The one secret Orion ever writes to its log, and only here: at the very first start, before anyone could
        // hold a credential, so there is no other way to hand it over. Later starts never print it again.
        log.warn("""

                ==========================================================================================
                 First start: created the platform account and its administrator (roles operator, admin).
                 Management token, shown this once and stored only as a hash:

                     {}

                 Call the API with:  Authorization: Bearer <token>
                ==========================================================================================
                """, token.value());
    }

    private Optional<ManagementToken> configuredToken() {
        String value = properties.adminToken();
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        // Never echo the value: it is a secret even when malformed.
        return Optional.of(ManagementToken.parse(value.strip())
                .orElseThrow(() -> new IllegalStateException(
                        "orion.bootstrap.admin-token (ORION_BOOTSTRAP_ADMIN_TOKEN) is not a management token: it must"
                                + " read dbm_<32 hex digits>_<32 to 128 characters of A-Z a-z 0-9 _ ->, for example"
                                + " dbm_$(openssl rand -hex 16)_$(openssl rand -hex 32)")));
    }
}

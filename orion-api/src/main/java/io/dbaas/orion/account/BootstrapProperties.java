package io.dbaas.orion.account;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the first administrator comes to be.
 *
 * @param adminToken the platform administrator's management token at first start, in Orion's own format
 *     {@code dbm_<32 hex digits>_<32 to 128 characters of A-Z a-z 0-9 _ ->}; when absent, Orion generates one and
 *     prints it once. Ignored once the platform account exists. From the environment
 *     ({@code ORION_BOOTSTRAP_ADMIN_TOKEN}), never committed.
 */
@ConfigurationProperties("orion.bootstrap")
public record BootstrapProperties(@Nullable String adminToken) {}

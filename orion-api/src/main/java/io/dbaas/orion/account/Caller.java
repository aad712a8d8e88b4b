package io.dbaas.orion.account;

import java.util.UUID;

/**
 * Who is calling: the account a verified credential belongs to, the credential itself and its role. Every query of
 * account data is scoped by {@link #accountId()}.
 */
public record Caller(UUID accountId, UUID credentialId, Role role) {}

package io.dbaas.orion.account.web;

import io.dbaas.orion.account.NewAccount;
import java.time.Instant;
import java.util.UUID;

/** An account just opened, with its first administrator's credential and token. */
record NewAccountResponse(UUID id, String name, Instant createdAt, IssuedCredentialResponse admin) {

    static NewAccountResponse of(NewAccount opened) {
        return new NewAccountResponse(
                opened.account().id(),
                opened.account().name(),
                opened.account().createdAt(),
                IssuedCredentialResponse.of(opened.admin()));
    }
}

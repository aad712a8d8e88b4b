package io.dbaas.orion.account;

/** An account just opened, with the token of its first administrator. */
public record NewAccount(Account account, IssuedCredential admin) {}

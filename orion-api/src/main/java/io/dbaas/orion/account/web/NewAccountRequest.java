package io.dbaas.orion.account.web;

import org.jspecify.annotations.Nullable;

/** {@code POST /v1/accounts}: a name for people to recognise the account by. */
record NewAccountRequest(@Nullable String name) {}

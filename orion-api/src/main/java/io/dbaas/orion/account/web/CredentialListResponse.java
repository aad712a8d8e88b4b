package io.dbaas.orion.account.web;

import java.util.List;

/** The credentials of one account, oldest first. */
record CredentialListResponse(List<CredentialResponse> items) {}

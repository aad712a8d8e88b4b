package io.dbaas.orion.apikey.web;

import java.util.List;

/** The keys of one cluster, oldest first. */
record ApiKeyListResponse(List<ApiKeyResponse> items) {}

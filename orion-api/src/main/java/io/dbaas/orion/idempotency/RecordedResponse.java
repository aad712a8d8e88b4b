package io.dbaas.orion.idempotency;

/** The response a request got, replayed as it was for a repeat with the same key. */
public record RecordedResponse(int status, String location, String body) {}

package io.dbaas.orion.backup;

import io.dbaas.orion.operation.Operation;

/** A backup asked for through the API, with the operation that follows it. */
public record AcceptedBackup(Backup backup, Operation operation) {}

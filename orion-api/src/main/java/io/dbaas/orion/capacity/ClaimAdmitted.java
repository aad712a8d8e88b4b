package io.dbaas.orion.capacity;

import java.util.UUID;

/**
 * A waiting claim got its allocation because capacity was added or freed. Published synchronously inside the
 * transaction that allocated, so that whoever provisions the cluster commits with the allocation or not at all.
 */
public record ClaimAdmitted(UUID clusterId) {}

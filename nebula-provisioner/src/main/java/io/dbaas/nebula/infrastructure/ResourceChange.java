package io.dbaas.nebula.infrastructure;

/** What applying one desired object did. */
public enum ResourceChange {
    CREATED,
    UPDATED,
    UNCHANGED
}

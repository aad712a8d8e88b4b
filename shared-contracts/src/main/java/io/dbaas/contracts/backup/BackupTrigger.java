package io.dbaas.contracts.backup;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a backup was taken: its cluster's schedule, or a request through the API. */
public enum BackupTrigger {
    @JsonProperty("scheduled")
    SCHEDULED,
    @JsonProperty("on_demand")
    ON_DEMAND
}

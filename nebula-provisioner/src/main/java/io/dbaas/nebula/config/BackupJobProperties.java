package io.dbaas.nebula.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Nebula runs the backup agent's Jobs in a cluster's namespace (ADR 0017).
 *
 * @param agentImage the agent's image; the project's own {@code dbaas/backup-agent} of the same version by default
 * @param cpu the agent container's CPU request and limit: it waits on the engine, it computes little
 * @param memory the agent container's memory request and limit
 * @param ttlAfterFinished how long Kubernetes keeps a finished Job: a safety net only, Nebula deletes each Job once it
 *     has published its outcome
 * @param restoreUrlValidity how long the pre-signed snapshot URLs of a Qdrant restore stay valid
 * @param deadline how long a Job may run before Kubernetes fails it: a pod that never starts (its image cannot be
 *     pulled) ends there, with its reason
 */
@ConfigurationProperties("nebula.backups")
public record BackupJobProperties(
        @DefaultValue("dbaas/backup-agent:latest") String agentImage,
        @DefaultValue("250m") String cpu,
        @DefaultValue("256Mi") String memory,
        @DefaultValue("7d") Duration ttlAfterFinished,
        @DefaultValue("6h") Duration restoreUrlValidity,
        @DefaultValue("12h") Duration deadline) {

    public static final BackupJobProperties DEFAULTS = new BackupJobProperties(
            "dbaas/backup-agent:latest",
            "250m",
            "256Mi",
            Duration.ofDays(7),
            Duration.ofHours(6),
            Duration.ofHours(12));
}

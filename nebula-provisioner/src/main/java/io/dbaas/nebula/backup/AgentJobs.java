package io.dbaas.nebula.backup;

import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts agent Jobs, exactly once per name: a Job that exists already (a redelivered command, another Nebula) is left
 * as it is, whatever it does now. The parameters Secret is owned by its Job, so that Kubernetes removes it with it.
 */
final class AgentJobs {

    private static final Logger log = LoggerFactory.getLogger(AgentJobs.class);

    private AgentJobs() {}

    /** Creates the Job and then its parameters; whether this call created the Job. */
    static boolean start(KubernetesClient client, BackupAgentJob agentJob) {
        Job job;
        boolean created;
        try {
            job = client.batch().v1().jobs().resource(agentJob.generateJob()).create();
            created = true;
            log.info("Started Job {}/{}", agentJob.namespace(), agentJob.name());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            job = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(agentJob.namespace())
                    .withName(agentJob.name())
                    .get();
            created = false;
            log.info("Job {}/{} exists already: not started again", agentJob.namespace(), agentJob.name());
        }
        Optional<Secret> parameters = agentJob.generateParametersSecret();
        if (parameters.isPresent() && job != null) {
            createOwnedBy(client, parameters.get(), job);
        }
        return created;
    }

    private static void createOwnedBy(KubernetesClient client, Secret secret, Job job) {
        secret.getMetadata()
                .setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
                        .withApiVersion("batch/v1")
                        .withKind("Job")
                        .withName(job.getMetadata().getName())
                        .withUid(job.getMetadata().getUid())
                        .withBlockOwnerDeletion(false)
                        .build()));
        try {
            client.secrets().resource(secret).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}

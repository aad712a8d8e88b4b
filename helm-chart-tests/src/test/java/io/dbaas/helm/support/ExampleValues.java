package io.dbaas.helm.support;

/** Values shared by several tests: a control plane spread over clouds, and one that manages only a remote region. */
public final class ExampleValues {

    /** A home region in the chart's cluster and a remote one reached by API URL, TLS on GateKeeper, SASL on Kafka. */
    public static final String MULTI_REGION = """
            domain: dbaas.example.org
            regions:
              - provider: aws
                region: eu-west-1
                kubernetes: {inCluster: true}
                storageClass: gp3
                priorityClassName: dbaas-databases
                backupStorage:
                  type: s3
                  bucket: dbaas-backups-eu-west-1
                  region: eu-west-1
                  pathPrefix: prod
                  credentialsSecret: dbaas-backup-credentials
                zones: [eu-west-1a, eu-west-1b]
                serviceAnnotations:
                  service.beta.kubernetes.io/aws-load-balancer-internal: "true"
                capacity: {cpu: "64", memory: 256Gi, disk: 4Ti}
              - provider: gcp
                region: europe-west4
                kubernetes:
                  apiUrl: https://34.90.0.10
                  tokenSecret: {name: dbaas-gcp-europe-west4-token, key: token}
                exposure: load-balancer
                gatekeeper:
                  ipBlocks: [203.0.113.0/24]
            kafka:
              bootstrapServers: dbaas-kafka-bootstrap.kafka:9093
              properties:
                security.protocol: SASL_SSL
                sasl.mechanism: SCRAM-SHA-512
              secretProperties:
                - {property: sasl.jaas.config, secretName: dbaas-kafka-user, key: sasl.jaas.config}
            gatekeeper:
              tls: {enabled: true, existingSecret: dbaas-gatekeeper-tls}
              trustedProxies: [10.0.0.0/8]
            metrics:
              serviceMonitor: {enabled: true}
            """;

    /**
     * Kafka as docs/operations/kafka.md sets it up: each service its own SCRAM-SHA-512 user (Strimzi KafkaUser Secrets),
     * TLS with the cluster CA's Secret, topics created by the platform.
     */
    public static final String KAFKA_SCRAM_OVER_TLS = """
            kafka:
              bootstrapServers: dbaas-kafka-bootstrap.kafka.svc:9093
              topics:
                create: false
              tls:
                enabled: true
                caSecret:
                  name: dbaas-kafka-cluster-ca-cert
              sasl:
                enabled: true
                users:
                  orion: {username: dbaas-orion, existingSecret: dbaas-orion}
                  nebula: {username: dbaas-nebula, existingSecret: dbaas-nebula}
                  gatekeeper: {username: dbaas-gatekeeper, existingSecret: dbaas-gatekeeper-kafka, passwordKey: pw}
            """;

    /** A single region reached by API URL: nothing of the chart's own cluster is managed. */
    public static final String REMOTE_REGION_ONLY = """
            regions:
              - provider: gcp
                region: europe-west4
                kubernetes: {apiUrl: "https://34.90.0.10", tokenSecret: {name: gcp-token, key: token}}
                exposure: load-balancer
                gatekeeper: {ipBlocks: [203.0.113.0/24]}
            """;

    private ExampleValues() {}
}

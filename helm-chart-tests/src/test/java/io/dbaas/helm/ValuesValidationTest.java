package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.HelmChart;
import org.junit.jupiter.api.Test;

/** Values that cannot work stop the release with a message saying what to change. */
class ValuesValidationTest {

    @Test
    void aRegionListedTwiceIsRefused() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - {provider: aws, region: eu-west-1, kubernetes: {inCluster: true}}
                          - {provider: aws, region: eu-west-1, kubernetes: {context: other}}
                        """)).contains("regions[aws/eu-west-1] is listed twice");
    }

    @Test
    void aRegionNeedsExactlyOneWayToItsKubernetesApi() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: aws
                            region: eu-west-1
                            kubernetes: {inCluster: true, apiUrl: "https://10.0.0.1"}
                        """))
                .contains("kubernetes needs exactly one of inCluster: true, apiUrl (with tokenSecret) or context");
        assertThat(HelmChart.refusal("regions: [{provider: aws, region: eu-west-1, kubernetes: {}}]"))
                .contains("kubernetes needs exactly one of");
    }

    @Test
    void anApiUrlWithoutATokenSecretIsRefused() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: gcp
                            region: europe-west4
                            kubernetes: {apiUrl: "https://34.90.0.10"}
                            gatekeeper: {ipBlocks: [203.0.113.0/24]}
                        """)).contains("apiUrl needs tokenSecret.name and tokenSecret.key");
    }

    @Test
    void aRemoteRegionMustSayWhereGateKeepersTrafficComesFrom() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: gcp
                            region: europe-west4
                            kubernetes: {apiUrl: "https://34.90.0.10", tokenSecret: {name: t, key: token}}
                        """)).contains("set gatekeeper.ipBlocks");
    }

    @Test
    void onlyOneRegionCanBeTheClusterTheChartRunsIn() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - {provider: aws, region: eu-west-1, kubernetes: {inCluster: true}}
                          - {provider: aws, region: eu-west-2, kubernetes: {inCluster: true}}
                        """)).contains("only one region can be inCluster: true");
    }

    @Test
    void providerAndRegionNamesMustBeDnsLabels() {
        assertThat(HelmChart.refusal("regions: [{provider: AWS, region: eu-west-1, kubernetes: {inCluster: true}}]"))
                .contains("provider must be a DNS label");
        assertThat(HelmChart.refusal("regions: [{provider: aws, region: eu.west, kubernetes: {inCluster: true}}]"))
                .contains("region must be a DNS label");
    }

    @Test
    void noRegionAtAllIsRefused() {
        assertThat(HelmChart.refusal("regions: []")).contains("regions must list at least one provider region");
    }

    @Test
    void tlsWithoutACertificateSecretIsRefused() {
        assertThat(HelmChart.refusal("gatekeeper: {tls: {enabled: true}}"))
                .contains("gatekeeper.tls.enabled needs gatekeeper.tls.existingSecret");
    }

    @Test
    void aDisruptionBudgetThatWouldBlockEveryDrainIsRefused() {
        assertThat(HelmChart.refusal("gatekeeper: {replicas: 1}"))
                .contains("gatekeeper.replicas (1) must be more than gatekeeper.podDisruptionBudget.minAvailable (1)");
    }

    @Test
    void aClusterScraperWithoutANamespaceSelectorIsRefusedSinceItWouldAdmitEveryNamespace() {
        assertThat(HelmChart.refusal("nebula: {clusterScraper: {podSelector: {app: prometheus}}}"))
                .contains("/nebula/clusterScraper");
        assertThat(HelmChart.refusal("nebula: {clusterScraper: {namespaceSelector: {}}}"))
                .contains("/nebula/clusterScraper");
    }

    @Test
    void theValuesSchemaRefusesAWrongType() {
        assertThat(HelmChart.refusal("gatekeeper: {service: {type: Ingress}}")).contains("/gatekeeper/service/type");
        assertThat(HelmChart.refusal(
                        "regions: [{provider: aws, region: x, kubernetes: {inCluster: true}, exposure: public}]"))
                .contains("/regions/0/exposure");
    }

    @Test
    void backupStorageWithoutACredentialsSecretIsRefused() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: aws
                            region: eu-west-1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: s3, bucket: dbaas-backups}
                        """))
                .contains(
                        "regions[aws/eu-west-1]: backupStorage needs credentialsSecret, the name of an existing Secret");
    }

    @Test
    void backupStorageThatCannotWorkIsRefused() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: aws
                            region: eu-west-1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: gcs, bucket: dbaas-backups, region: europe-west4, credentialsSecret: gcs}
                        """))
                .contains("backupStorage endpoint and region are for S3-compatible stores only, not gcs");
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: aws
                            region: eu-west-1
                            kubernetes: {inCluster: true}
                            backupStorage: {bucket: dbaas-backups, credentialsSecret: creds}
                        """)).contains("backupStorage needs a type (s3, gcs, azure or nfs) and a bucket");
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: aws
                            region: eu-west-1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: ftp, bucket: dbaas-backups, credentialsSecret: creds}
                        """)).contains("/regions/0/backupStorage/type");
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: aws
                            region: eu-west-1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: s3, bucket: b1, credentialsSecret: c, accessKey: AKIA}
                        """)).as("credentials are never values").contains("/regions/0/backupStorage");
    }

    @Test
    void nfsBackupStorageNeedsAnExportAndNothingOfAnObjectStore() {
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: onprem
                            region: dc1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: nfs, server: nfs.storage.internal}
                        """))
                .contains("regions[onprem/dc1]: backupStorage of type nfs needs server and path");
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: onprem
                            region: dc1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: nfs, server: nfs.storage.internal, path: /exports/dbaas, credentialsSecret: c}
                        """))
                .contains("backupStorage of type nfs takes no bucket, endpoint, region or credentialsSecret");
        assertThat(HelmChart.refusal("""
                        regions:
                          - provider: aws
                            region: eu-west-1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: s3, bucket: dbaas-backups, credentialsSecret: c, path: /exports}
                        """)).contains("backupStorage server and path are for nfs only, not s3");
    }
}

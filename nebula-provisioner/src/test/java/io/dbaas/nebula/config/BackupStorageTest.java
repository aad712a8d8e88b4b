package io.dbaas.nebula.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A region's backup-storage setting, bound as an operator writes it, and each setting that stops the start. */
class BackupStorageTest {

    private static final String STORAGE = "nebula.providers.aws.regions.eu-west-1.backup-storage.";

    @Test
    void aRegionNamesItsStoreAndTheSecretOfItsCredentials() {
        BackupStorage storage = bind(Map.of(
                        "type", "s3",
                        "bucket", "dbaas-backups",
                        "endpoint", "https://minio.storage.svc:9000",
                        "region", "us-east-1",
                        "path-prefix", "prod/eu",
                        "credentials-secret", "backup-credentials",
                        "credentials-namespace", "dbaas-system"))
                .backupStorage();

        assertThat(storage)
                .isEqualTo(new BackupStorage(
                        BackupStorageType.S3,
                        "dbaas-backups",
                        "https://minio.storage.svc:9000",
                        "us-east-1",
                        "prod/eu",
                        "backup-credentials",
                        "dbaas-system"));
        assertThat(storage.s3Compatible()).isTrue();
    }

    @Test
    void aRegionWithoutOneHasNoBackupStorage() {
        assertThat(new Binder(new MapConfigurationPropertySource(
                                Map.of("nebula.providers.aws.regions.eu-west-1.storage-class", "gp3")))
                        .bindOrCreate("nebula", NebulaProperties.class)
                        .providers()
                        .get("aws")
                        .regions()
                        .get("eu-west-1")
                        .backupStorage())
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no credentials Secret | credentials-secret= | backup-storage needs credentials-secret",
                "a Secret name Kubernetes refuses | credentials-secret=Backup_Creds | got 'Backup_Creds'",
                "no Secret namespace | credentials-namespace= | backup-storage needs credentials-namespace",
                "no bucket | bucket= | bucket must be a s3 bucket name",
                "an upper-case bucket | bucket=Backups | got 'Backups'",
                "an endpoint with a path | endpoint=https://minio:9000/backups | endpoint must be an http or https URL",
                "an endpoint of another scheme | endpoint=ftp://minio | endpoint must be an http or https URL",
                "a region S3 would not sign for | region=EU West | region must be an S3 region name",
                "a prefix ending in a slash | path-prefix=prod/ | path-prefix must be path segments",
                "a prefix that climbs | path-prefix=prod/../other | path-prefix must be path segments",
                "an unknown type | type=ftp | backup-storage",
            })
    void aSettingThatCannotWorkStopsTheStart(String what, String setting, String message) {
        Map<String, String> properties = s3();
        properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));

        assertThatThrownBy(() -> bind(properties))
                .as(what)
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(messages(e)).contains(message));
    }

    @Test
    void aSharedFileSystemNamesItsServerAndExportAndNothingElse() {
        RegionProperties region = bind(
                new LinkedHashMap<>(Map.of("type", "nfs", "server", "nfs.storage.internal", "path", "/exports/dbaas")));

        BackupStorage storage = region.backupStorage();
        assertThat(storage.type()).isEqualTo(BackupStorageType.NFS);
        assertThat(storage.server()).isEqualTo("nfs.storage.internal");
        assertThat(storage.path()).isEqualTo("/exports/dbaas");
        assertThat(storage.type().usesCredentials()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no server | path=/exports | needs server",
                "no path | server=nfs.internal | needs path",
                "a relative path | server=nfs.internal,path=exports | needs path",
                "a bucket | server=nfs.internal,path=/exports,bucket=b1b | takes no bucket",
                "a credentials Secret | server=nfs.internal,path=/exports,credentials-secret=c | takes no credentials",
            })
    void aSharedFileSystemWithoutItsExportOrWithAnObjectStoresSettingsStopsTheStart(
            String what, String settings, String message) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("type", "nfs"));
        for (String setting : settings.split(",")) {
            properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }

        assertThatThrownBy(() -> bind(properties))
                .as(what)
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(messages(e)).contains(message));
    }

    @Test
    void serverAndPathAreForSharedFileSystemsOnly() {
        Map<String, String> properties = s3();
        properties.put("server", "nfs.internal");

        assertThatThrownBy(() -> bind(properties))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(messages(e)).contains("server and path are for nfs only"));
    }

    @Test
    void credentialsInTheEndpointAreRefusedWithoutBeingRepeated() {
        Map<String, String> properties = s3();
        properties.put("endpoint", "https://AKIAEXAMPLE:wJalrXUtnFEMI@minio:9000");

        assertThatThrownBy(() -> bind(properties)).satisfies(e -> assertThat(messages(e))
                .contains("no path, query or user information")
                .doesNotContain("wJalrXUtnFEMI")
                .doesNotContain("AKIAEXAMPLE"));
    }

    @ParameterizedTest
    @CsvSource({"gcs,endpoint,https://storage.googleapis.com", "azure,region,westeurope", "gcs,region,europe-west1"})
    void endpointAndRegionAreForS3CompatibleStoresOnly(String type, String setting, String value) {
        Map<String, String> properties = s3();
        properties.put("type", type);
        properties.remove("endpoint");
        properties.remove("region");
        properties.put(setting, value);

        assertThatThrownBy(() -> bind(properties)).satisfies(e -> assertThat(messages(e))
                .contains("endpoint and region are for S3-compatible stores only; a " + type + " store takes neither"));
    }

    @Test
    void anAzureContainerNameFollowsAzuresRules() {
        Map<String, String> properties = s3();
        properties.put("type", "azure");
        properties.remove("endpoint");
        properties.remove("region");
        properties.put("bucket", "dbaas.backups");

        assertThatThrownBy(() -> bind(properties))
                .satisfies(e -> assertThat(messages(e)).contains("bucket must be a azure container name"));
        properties.put("bucket", "dbaas-backups");
        assertThat(bind(properties).backupStorage().type()).isEqualTo(BackupStorageType.AZURE);
    }

    private static Map<String, String> s3() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("type", "s3");
        properties.put("bucket", "dbaas-backups");
        properties.put("endpoint", "http://127.0.0.1:9000");
        properties.put("region", "us-east-1");
        properties.put("credentials-secret", "backup-credentials");
        properties.put("credentials-namespace", "dbaas-system");
        return properties;
    }

    private static RegionProperties bind(Map<String, String> storage) {
        Map<String, String> properties = new LinkedHashMap<>();
        storage.forEach((key, value) -> properties.put(STORAGE + key, value));
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("nebula", NebulaProperties.class)
                .providers()
                .get("aws")
                .regions()
                .get("eu-west-1");
    }

    /** Every message along the cause chain, as an operator reads them in the failed start's report. */
    private static String messages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}

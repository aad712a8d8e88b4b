package io.dbaas.nebula.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.InvalidKeyEncryptionKeyException;
import io.dbaas.contracts.security.InvalidKeyEncryptionKeyFailureAnalyzer;
import io.dbaas.contracts.security.KeyEncryptionKeyProperties;
import io.dbaas.contracts.security.MasterKeyCipher;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MasterKeyCipherConfigurationTest {

    private static final String VALID_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Properties.class, MasterKeyCipherConfiguration.class);

    @Test
    void aValidKeyGivesACipherThatSealsAndOpens() {
        context.withPropertyValues("dbaas.key-encryption-key=" + VALID_KEY).run(started -> {
            MasterKeyCipher cipher = started.getBean(MasterKeyCipher.class);
            UUID clusterId = UUID.randomUUID();
            assertThat(cipher.open(clusterId, cipher.seal(clusterId, "master"))).isEqualTo("master");
        });
    }

    @Test
    void aMissingKeyStopsTheStartWithAClearMessage() {
        context.run(started -> assertThat(started.getStartupFailure())
                .rootCause()
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessage("dbaas.key-encryption-key is not set."));
    }

    @Test
    void anInvalidKeyStopsTheStartWithoutEchoingIt() {
        String tooShort = "c2hvcnQta2V5";
        context.withPropertyValues("dbaas.key-encryption-key=" + tooShort)
                .run(started -> assertThat(started.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                        .hasMessageContaining("must be 32 bytes")
                        .hasMessageNotContaining(tooShort));
    }

    @Test
    void theFailureAnalysisTellsWhatToSet() {
        context.run(started -> {
            var analysis = new InvalidKeyEncryptionKeyFailureAnalyzer().analyze(started.getStartupFailure());

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("dbaas.key-encryption-key is not set.");
            assertThat(analysis.getAction()).contains("openssl rand -base64 32");
        });
    }

    @Test
    void masterKeysAre32AlphanumericCharactersAndNeverRepeat() {
        String first = MasterKeys.generate();

        assertThat(first).matches("[A-Za-z0-9]{32}");
        assertThat(MasterKeys.generate()).isNotEqualTo(first);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KeyEncryptionKeyProperties.class)
    static class Properties {}
}

package io.dbaas.gatekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.InvalidKeyEncryptionKeyException;
import io.dbaas.contracts.security.InvalidKeyEncryptionKeyFailureAnalyzer;
import io.dbaas.contracts.security.KeyEncryptionKeyProperties;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.gatekeeper.support.TestCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** GateKeeper refuses to start without a usable key-encryption key, and says why without echoing the value. */
class KeyEncryptionKeyTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ClusterEventsConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void startsWithA32ByteBase64Key() {
        contexts.withPropertyValues("dbaas.key-encryption-key=" + TestCluster.KEY_ENCRYPTION_KEY)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(MasterKeyCipher.class)
                        .hasSingleBean(ClusterEventsListener.class));
    }

    @Test
    void refusesToStartWithoutAKey() {
        contexts.run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessageContaining("dbaas.key-encryption-key is not set"));
    }

    @Test
    void refusesToStartWithABlankKey() {
        contexts.withPropertyValues("dbaas.key-encryption-key= ").run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidKeyEncryptionKeyException.class));
    }

    @Test
    void refusesToStartWithAKeyThatIsNotBase64AndDoesNotEchoIt() {
        String notBase64 = "this-is-not-base64-but-secret!!!";
        contexts.withPropertyValues("dbaas.key-encryption-key=" + notBase64).run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessageContaining("base64 encoding of 32 bytes")
                .hasMessageNotContaining(notBase64));
    }

    @Test
    void refusesToStartWithAKeyOfTheWrongLength() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        contexts.withPropertyValues("dbaas.key-encryption-key=" + sixteenBytes).run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessageNotContaining(sixteenBytes));
    }

    @Test
    void theStartUpReportSaysWhatToSet() {
        contexts.run(context -> {
            FailureAnalysis analysis =
                    new InvalidKeyEncryptionKeyFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("dbaas.key-encryption-key is not set");
            assertThat(analysis.getAction())
                    .contains("DBAAS_KEY_ENCRYPTION_KEY")
                    .contains("32 random bytes");
        });
    }

    @Test
    void thePropertiesNeverPrintTheKey() {
        assertThat(new KeyEncryptionKeyProperties(TestCluster.KEY_ENCRYPTION_KEY).toString())
                .doesNotContain(TestCluster.KEY_ENCRYPTION_KEY);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KeyEncryptionKeyProperties.class, ClusterEventsProperties.class})
    static class Properties {}
}

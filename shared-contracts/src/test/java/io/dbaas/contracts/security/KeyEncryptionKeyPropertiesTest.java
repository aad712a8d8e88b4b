package io.dbaas.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The one definition of the key-encryption key: every service accepts, refuses and explains it the same way. */
class KeyEncryptionKeyPropertiesTest {

    private static final String KEY =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void a32ByteBase64KeyGivesACipherThatSealsAndOpens() {
        MasterKeyCipher cipher = new KeyEncryptionKeyProperties(KEY).cipher();
        UUID clusterId = UUID.randomUUID();

        assertThat(cipher.open(clusterId, cipher.seal(clusterId, "master"))).isEqualTo("master");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        MasterKeyCipher cipher = new KeyEncryptionKeyProperties(" " + KEY + "\n").cipher();
        UUID clusterId = UUID.randomUUID();

        assertThat(new KeyEncryptionKeyProperties(KEY).cipher().open(clusterId, cipher.seal(clusterId, "master")))
                .isEqualTo("master");
    }

    @Test
    void aMissingKeyIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new KeyEncryptionKeyProperties(null).cipher())
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessage("dbaas.key-encryption-key is not set.");
    }

    @Test
    void aBlankKeyIsRefusedAsMissing() {
        assertThatThrownBy(() -> new KeyEncryptionKeyProperties(" \t").cipher())
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessage("dbaas.key-encryption-key is not set.");
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedWithoutQuotingIt() {
        String notBase64 = "this-is-not-base64-but-secret!!!";

        assertThatThrownBy(() -> new KeyEncryptionKeyProperties(notBase64).cipher())
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessage("dbaas.key-encryption-key is not the base64 encoding of 32 bytes; the key must be 32 bytes"
                        + " (AES-256).")
                .hasNoCause();
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithTheSameMessage() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new KeyEncryptionKeyProperties(sixteenBytes).cipher())
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessage("dbaas.key-encryption-key is not the base64 encoding of 32 bytes; the key must be 32 bytes"
                        + " (AES-256).")
                .hasNoCause();
    }

    @Test
    void thePropertiesNeverPrintTheKey() {
        assertThat(new KeyEncryptionKeyProperties(KEY).toString())
                .doesNotContain(KEY)
                .contains("redacted");
        assertThat(new KeyEncryptionKeyProperties(null).toString()).contains("absent");
    }

    @Test
    void theStartUpReportSaysWhatToSetAndThatEveryServiceSharesIt() {
        InvalidKeyEncryptionKeyException missing = InvalidKeyEncryptionKeyException.missing();

        FailureAnalysis analysis = new InvalidKeyEncryptionKeyFailureAnalyzer()
                .analyze(new IllegalStateException("context failed", missing));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("dbaas.key-encryption-key is not set.");
        assertThat(analysis.getAction())
                .contains("dbaas.key-encryption-key")
                .contains("DBAAS_KEY_ENCRYPTION_KEY")
                .contains("32 random bytes")
                .contains("openssl rand -base64 32")
                .contains("Orion, Nebula and GateKeeper must share the same value");
    }

    @Test
    void theFailureAnalyzerIsRegisteredForEveryService() throws Exception {
        var factories = getClass().getClassLoader().getResources("META-INF/spring.factories");
        String registered = "";
        while (factories.hasMoreElements()) {
            try (var in = factories.nextElement().openStream()) {
                registered += new String(in.readAllBytes());
            }
        }

        assertThat(registered)
                .contains("org.springframework.boot.diagnostics.FailureAnalyzer")
                .contains(InvalidKeyEncryptionKeyFailureAnalyzer.class.getName());
    }
}

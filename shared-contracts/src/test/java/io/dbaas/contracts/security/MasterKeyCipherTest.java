package io.dbaas.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasterKeyCipherTest {

    static final String MASTER_KEY = "Zq3vT8pLm2Xw9Rk4Hc7Yb1Nd6Fs5Gj0A";
    final UUID cluster = UUID.randomUUID();
    final MasterKeyCipher cipher = new MasterKeyCipher(new byte[32]);

    @Test
    void opensWhatItSealedForTheSameCluster() {
        String sealed = cipher.seal(cluster, MASTER_KEY);

        assertThat(sealed).startsWith("v1.").doesNotContain(MASTER_KEY);
        assertThat(cipher.open(cluster, sealed)).isEqualTo(MASTER_KEY);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.seal(cluster, MASTER_KEY)).isNotEqualTo(cipher.seal(cluster, MASTER_KEY));
    }

    @Test
    void keySealedForAnotherClusterDoesNotOpen() {
        String sealed = cipher.seal(UUID.randomUUID(), MASTER_KEY);

        assertThatThrownBy(() -> cipher.open(cluster, sealed)).isInstanceOf(MasterKeyCipher.SealedKeyException.class);
    }

    @Test
    void tamperedCiphertextDoesNotOpen() {
        String sealed = cipher.seal(cluster, MASTER_KEY);
        char last = sealed.charAt(sealed.length() - 1);
        String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> cipher.open(cluster, tampered)).isInstanceOf(MasterKeyCipher.SealedKeyException.class);
    }

    @Test
    void anotherKeyEncryptionKeyDoesNotOpen() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String sealed = cipher.seal(cluster, MASTER_KEY);

        assertThatThrownBy(() -> new MasterKeyCipher(otherKey).open(cluster, sealed))
                .isInstanceOf(MasterKeyCipher.SealedKeyException.class);
    }

    @Test
    void malformedValuesAreRefusedWithoutDetail() {
        assertThatThrownBy(() -> cipher.open(cluster, "v2.abc")).hasMessage("unknown sealed key format");
        assertThatThrownBy(() -> cipher.open(cluster, "v1.***")).hasMessage("sealed key is not base64url");
        assertThatThrownBy(() -> cipher.open(cluster, "v1.AAAA")).hasMessage("sealed key is too short");
    }

    @Test
    void keyEncryptionKeyMustBe256Bits() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> MasterKeyCipher.fromBase64(shortKey)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKeyCipher.fromBase64("not base64!")).hasMessageContaining("32 bytes");
    }
}

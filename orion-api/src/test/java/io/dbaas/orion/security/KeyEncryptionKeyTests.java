package io.dbaas.orion.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.InvalidKeyEncryptionKeyException;
import io.dbaas.contracts.security.MasterKeyCipher;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Orion refuses to start without a usable key-encryption key, in the words Nebula and GateKeeper use. */
class KeyEncryptionKeyTests {

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withUserConfiguration(SecurityConfiguration.class);

    @Test
    void startsWithA32ByteBase64Key() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        contexts.withPropertyValues("dbaas.key-encryption-key=" + key)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MasterKeyCipher.class));
    }

    @Test
    void refusesToStartWithoutAKey() {
        contexts.run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessage("dbaas.key-encryption-key is not set."));
    }

    @Test
    void refusesToStartWithAKeyOfTheWrongLengthWithoutEchoingIt() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        contexts.withPropertyValues("dbaas.key-encryption-key=" + sixteenBytes).run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidKeyEncryptionKeyException.class)
                .hasMessageContaining("base64 encoding of 32 bytes")
                .hasMessageNotContaining(sixteenBytes));
    }
}

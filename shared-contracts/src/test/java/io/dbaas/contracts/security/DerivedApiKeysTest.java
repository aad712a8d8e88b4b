package io.dbaas.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DerivedApiKeysTest {

    static final String MASTER_KEY = "Zq3vT8pLm2Xw9Rk4Hc7Yb1Nd6Fs5Gj0A";
    static final String OTHER_MASTER_KEY = "Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk";

    @Test
    void keyDerivedFromTheMasterKeyMatches() {
        String key = DerivedApiKeys.newKey(MASTER_KEY);

        assertThat(key).startsWith("dbk_").hasSize(69).doesNotContain(MASTER_KEY);
        assertThat(DerivedApiKeys.matches(MASTER_KEY, key)).isTrue();
    }

    @Test
    void everyKeyIsDifferent() {
        assertThat(DerivedApiKeys.newKey(MASTER_KEY)).isNotEqualTo(DerivedApiKeys.newKey(MASTER_KEY));
    }

    @Test
    void keyOfAnotherClusterDoesNotMatch() {
        assertThat(DerivedApiKeys.matches(MASTER_KEY, DerivedApiKeys.newKey(OTHER_MASTER_KEY)))
                .isFalse();
    }

    @Test
    void alteredKeyDoesNotMatch() {
        String key = DerivedApiKeys.newKey(MASTER_KEY);
        char last = key.charAt(key.length() - 1);
        String altered = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(DerivedApiKeys.matches(MASTER_KEY, altered)).isFalse();
    }

    @Test
    void malformedKeysDoNotMatch() {
        String key = DerivedApiKeys.newKey(MASTER_KEY);

        assertThat(DerivedApiKeys.matches(MASTER_KEY, "")).isFalse();
        assertThat(DerivedApiKeys.matches(MASTER_KEY, MASTER_KEY)).isFalse();
        assertThat(DerivedApiKeys.matches(MASTER_KEY, "xyz_" + key.substring(4)))
                .isFalse();
        assertThat(DerivedApiKeys.matches(MASTER_KEY, key.substring(0, 30) + "!" + key.substring(31)))
                .isFalse();
    }
}

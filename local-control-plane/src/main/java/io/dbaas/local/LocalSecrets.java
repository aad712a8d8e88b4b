package io.dbaas.local;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secrets made fresh for one local run or one test run, in the forms the services expect. */
public final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {}

    /** A key-encryption key: base64 of 32 random bytes. */
    public static String keyEncryptionKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    /**
     * A token in Orion's management-token format, {@code dbm_<credential id as 32 hex digits>_<secret>}, with a
     * 256-bit secret, as Orion would generate itself.
     */
    public static String managementToken() {
        return "dbm_" + HexFormat.of().formatHex(randomBytes(16)) + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

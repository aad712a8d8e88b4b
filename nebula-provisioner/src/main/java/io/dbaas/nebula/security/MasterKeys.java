package io.dbaas.nebula.security;

import java.security.SecureRandom;

/** Generates cluster master keys: 32 characters from [A-Za-z0-9], about 190 bits of entropy. */
public final class MasterKeys {

    public static final int LENGTH = 32;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MasterKeys() {}

    public static String generate() {
        char[] key = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            // nextInt(bound) rejects biased values, so every character is equally likely.
            key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(key);
    }
}

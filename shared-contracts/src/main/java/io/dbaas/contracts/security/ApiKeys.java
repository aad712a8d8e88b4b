package io.dbaas.contracts.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * API keys derived from a cluster's master key with a salted hash: whoever holds the master key (GateKeeper, Orion)
 * can check a key without any stored copy of it, and a key carries what it may do.
 *
 * <p>A key reads {@code dbk_<key id><body><checksum>}, all base64url without padding:
 *
 * <ul>
 *   <li>key id: 16 random bytes (22 characters); it is also the salt, and what a revocation names;
 *   <li>body: format version, scope, expiry (epoch seconds, 0 for none) and HMAC-SHA256(master key, context, key id,
 *       version, scope, expiry) (56 characters);
 *   <li>checksum: CRC-32 of everything before it (6 characters), so that a mistyped or foreign string is refused
 *       before any lookup or MAC.
 * </ul>
 *
 * <p>The prefix and the fixed length of 88 characters make a leaked key easy to spot in logs and repositories. Scope
 * and expiry are authenticated by the MAC: changing either breaks the key.
 */
public final class ApiKeys {

    public static final String PREFIX = "dbk_";
    public static final int LENGTH = 88;

    private static final byte VERSION = 2;
    private static final int KEY_ID_BYTES = 16;
    private static final int KEY_ID_CHARS = 22;
    private static final int MAC_BYTES = 32;
    private static final int BODY_BYTES = 1 + 1 + Long.BYTES + MAC_BYTES;
    private static final int BODY_CHARS = 56;
    private static final int CHECKSUM_CHARS = 6;
    private static final byte[] CONTEXT = "dbaas-api-key.v2:".getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ApiKeys() {}

    /** What an API key says about itself, once its format and checksum are right; not yet proof that it is genuine. */
    public record PresentedKey(
            String keyId, KeyScope scope, @Nullable Instant expiresAt, byte[] mac) {

        /** Whether the key has expired at {@code now}. */
        public boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "PresentedKey[keyId=" + keyId + ", scope=" + scope + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** A key just made; {@code key} is the secret, to be shown once and never stored. */
    public record IssuedKey(String keyId, String key) {

        @Override
        public String toString() {
            return "IssuedKey[keyId=" + keyId + "]";
        }
    }

    /** A new key for the cluster whose master key is given. {@code expiresAt} is rounded down to the second. */
    public static IssuedKey issue(String masterKey, KeyScope scope, @Nullable Instant expiresAt) {
        byte[] keyId = new byte[KEY_ID_BYTES];
        RANDOM.nextBytes(keyId);
        long expiry = expiresAt == null ? 0 : expiresAt.getEpochSecond();
        byte[] body = ByteBuffer.allocate(BODY_BYTES)
                .put(VERSION)
                .put(scope.code())
                .putLong(expiry)
                .put(mac(keyedMac(masterKey), keyId, scope.code(), expiry))
                .array();
        String withoutChecksum = PREFIX + ENCODER.encodeToString(keyId) + ENCODER.encodeToString(body);
        return new IssuedKey(ENCODER.encodeToString(keyId), withoutChecksum + checksum(withoutChecksum));
    }

    /**
     * Reads a presented string as a key: prefix, length, checksum, version and scope. Costs no MAC and no lookup, so a
     * caller can refuse garbage cheaply and find the key's cluster-independent facts.
     */
    public static Optional<PresentedKey> parse(String presented) {
        if (presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int checksumAt = LENGTH - CHECKSUM_CHARS;
        String withoutChecksum = presented.substring(0, checksumAt);
        if (!MessageDigest.isEqual(
                checksum(withoutChecksum).getBytes(StandardCharsets.US_ASCII),
                presented.substring(checksumAt).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String keyId = presented.substring(PREFIX.length(), PREFIX.length() + KEY_ID_CHARS);
        ByteBuffer body;
        try {
            // Only the canonical spelling of a key id is accepted: a revocation names exactly one string.
            if (!ENCODER.encodeToString(DECODER.decode(keyId)).equals(keyId)) {
                return Optional.empty();
            }
            body = ByteBuffer.wrap(DECODER.decode(presented.substring(PREFIX.length() + KEY_ID_CHARS, checksumAt)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (body.remaining() != BODY_BYTES || body.get() != VERSION) {
            return Optional.empty();
        }
        Optional<KeyScope> scope = KeyScope.fromCode(body.get());
        long expiry = body.getLong();
        byte[] mac = new byte[MAC_BYTES];
        body.get(mac);
        return scope.map(s -> new PresentedKey(keyId, s, expiry == 0 ? null : Instant.ofEpochSecond(expiry), mac));
    }

    /** Whether {@code key} was derived from {@code masterKey}. Compares in constant time. */
    public static boolean isGenuine(String masterKey, PresentedKey key) {
        return isGenuine(keyedMac(masterKey), key);
    }

    /**
     * A checker of one master key's keys, for a caller that checks many (GateKeeper, on every request): the HMAC is
     * looked up and keyed once here rather than on every check.
     */
    public static Verifier verifier(String masterKey) {
        return new Verifier(keyedMac(masterKey));
    }

    /** Checks keys against one master key; safe to share between threads. */
    public static final class Verifier {

        /** Keyed, never updated: every check works on its own copy, so no state passes from one check to the next. */
        private final Mac keyed;

        private Verifier(Mac keyed) {
            this.keyed = keyed;
        }

        /** Whether {@code key} was derived from this master key. Compares in constant time. */
        public boolean isGenuine(PresentedKey key) {
            return ApiKeys.isGenuine(copy(keyed), key);
        }

        @Override
        public String toString() {
            return "ApiKeys.Verifier[redacted]";
        }
    }

    /** The last characters of a key, safe to show in a list so that its owner can tell keys apart. */
    public static String lastCharacters(String key) {
        return key.substring(key.length() - 4);
    }

    /** {@code mac}: keyed with the master key, unused; it is used up here. */
    private static boolean isGenuine(Mac mac, PresentedKey key) {
        byte[] keyId = DECODER.decode(key.keyId());
        long expiry = key.expiresAt() == null ? 0 : key.expiresAt().getEpochSecond();
        return MessageDigest.isEqual(mac(mac, keyId, key.scope().code(), expiry), key.mac());
    }

    private static byte[] mac(Mac mac, byte[] keyId, byte scope, long expiry) {
        mac.update(CONTEXT);
        mac.update(keyId);
        mac.update(VERSION);
        mac.update(scope);
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(expiry).array());
        return mac.doFinal();
    }

    private static Mac keyedMac(String masterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A copy of a keyed, unused MAC: cheaper than looking the algorithm up and keying it again. */
    private static Mac copy(Mac keyed) {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            // The JDK's own HmacSHA256 can be cloned; a provider put in front of it might not.
            throw new IllegalStateException("the HmacSHA256 implementation cannot be copied", e);
        }
    }

    private static String checksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        byte[] value =
                ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array();
        return ENCODER.encodeToString(value);
    }
}

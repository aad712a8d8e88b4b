package io.dbaas.contracts.security;

import io.dbaas.contracts.event.ClusterProvisioned;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Proves that an event which routes traffic came from a holder of the control plane's key-encryption key (Nebula),
 * unchanged: HMAC-SHA256 over every field that decides where GateKeeper sends a cluster's traffic and with which
 * credential, under a key derived from the key-encryption key (never the key itself, which seals master keys).
 * Anyone who can only write to Kafka can neither forge such an event nor change its route.
 *
 * <p>The tag is base64url without padding. Every field enters the MAC with its length, so no two different events
 * give the same input.
 */
public final class EventAuthentication {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DERIVATION_LABEL = "dbaas event authentication v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    public EventAuthentication(byte[] keyEncryptionKey) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(keyEncryptionKey, ALGORITHM), DERIVATION_LABEL), ALGORITHM);
    }

    /** Builds it from the base64 form of the key-encryption key used in configuration. */
    public static EventAuthentication fromBase64(String keyEncryptionKey) {
        return new EventAuthentication(Base64.getDecoder().decode(keyEncryptionKey.strip()));
    }

    /** The event with its authentication tag. */
    public ClusterProvisioned sign(ClusterProvisioned event) {
        return event.withAuthenticationTag(tag(event));
    }

    /** Whether the event carries the tag its fields call for; compared in constant time. */
    public boolean isAuthentic(ClusterProvisioned event) {
        @Nullable String tag = event.authenticationTag();
        return tag != null
                && MessageDigest.isEqual(
                        tag.getBytes(StandardCharsets.US_ASCII), tag(event).getBytes(StandardCharsets.US_ASCII));
    }

    private String tag(ClusterProvisioned event) {
        var fields = new Fields()
                .add(ClusterProvisioned.NAME)
                .add(event.id().toString())
                .add(event.clusterId().toString())
                .add(event.engine().id())
                .add(event.clusterEndpoint())
                .add(event.internalAddress().scheme())
                .add(event.internalAddress().host())
                .add(Integer.toString(event.internalAddress().port()))
                .add(event.sealedMasterKey())
                .add(Integer.toString(event.nodesReady()))
                .add(event.upstreamCaCertificate());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, fields.bytes()));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Length-prefixed UTF-8 fields; an absent field is length -1. */
    private static final class Fields {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fields add(@Nullable String value) {
            byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES)
                    .putInt(value == null ? -1 : bytes.length)
                    .array());
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}

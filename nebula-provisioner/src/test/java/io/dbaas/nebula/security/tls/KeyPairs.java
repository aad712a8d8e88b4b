package io.dbaas.nebula.security.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.PEMParser;

/** What a test asks of a generated key: that it belongs to a certificate, and how it is written down. */
public final class KeyPairs {

    private KeyPairs() {}

    /** Whether {@code key} is the private half of {@code publicKey}: a signature made with it verifies. */
    public static boolean belongTogether(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        byte[] data = "proof of possession".getBytes(StandardCharsets.UTF_8);
        String algorithm = key.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    /**
     * Whether the PKCS#8 document of an EC key ({@code BEGIN PRIVATE KEY}) carries its public key, which rustls
     * (Qdrant's TLS) requires of an ECDSA key.
     */
    public static boolean carriesItsPublicKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            PrivateKeyInfo info = (PrivateKeyInfo) parser.readObject();
            return ECPrivateKey.getInstance(info.parsePrivateKey()).getPublicKey() != null;
        }
    }
}

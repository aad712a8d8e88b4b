package io.dbaas.gatekeeper.tls;

import io.dbaas.gatekeeper.tls.DevelopmentCertificateAuthority.IssuedCertificates;
import io.dbaas.gatekeeper.tls.DevelopmentCertificateAuthority.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * Development certificates for the regions listed without one: issued at start-up by one throw-away CA, whose
 * certificate (never its key) is written out for clients to trust, announced once by a banner in the log.
 */
final class DevelopmentCertificates {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentCertificates.class);

    private DevelopmentCertificates() {}

    /** One SSL bundle per host name (such as {@code *.eu-west-1.aws.dbaas.localhost}), in the order given. */
    static Map<String, SslBundle> issue(List<String> hosts, Path caCertificate) {
        IssuedCertificates issued = DevelopmentCertificateAuthority.issue(hosts);
        Path caFile = caCertificate.toAbsolutePath();
        writeAtomically(caFile, DevelopmentCertificateAuthority.pem(issued.caCertificate()));
        log.warn("""

                ************************************************************************************************
                * DEVELOPMENT CERTIFICATES: NOT FOR PRODUCTION.
                * No certificate is configured for {} (gatekeeper.tls.regions), so a certificate authority
                * generated at start-up signed one for each.
                * Clients trust them with the CA certificate written to {}
                * (SHA-256 fingerprint {}). The CA's private key was discarded after signing.
                * A restart makes a new CA: trust the new file again.
                ************************************************************************************************""", hosts, caFile, fingerprint(issued.caCertificate()));
        Map<String, SslBundle> bundles = new LinkedHashMap<>();
        issued.servers()
                .forEach((host, server) -> bundles.put(host, SslBundle.of(keyStoreOf(server, issued.caCertificate()))));
        return bundles;
    }

    /** In memory only, under a random password that lives as long as the bundle. */
    private static SslStoreBundle keyStoreOf(ServerCertificate server, X509Certificate ca) {
        try {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getEncoder().encodeToString(random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    "gatekeeper", server.key(), password.toCharArray(), new Certificate[] {server.certificate(), ca});
            return SslStoreBundle.of(store, password, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not hold a development certificate in a key store", e);
        }
    }

    /**
     * Through a temporary file and a rename, so that a symbolic link planted at the path is replaced, never followed,
     * and a reader never sees half a certificate.
     */
    private static void writeAtomically(Path file, String content) {
        try {
            Path directory = Objects.requireNonNullElse(file.getParent(), Path.of("."));
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".gatekeeper-ca-", ".pem");
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write the development CA certificate to " + file
                            + " (set gatekeeper.tls.development.ca-certificate to a writable path)",
                    e);
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

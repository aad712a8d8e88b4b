package io.dbaas.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made by the JDK's keytool: the broker's PKCS#12 key store, and the same
 * certificate in PEM as the CA its clients trust (as a service trusts the CA certificate the chart mounts).
 */
record LoopbackCertificate(Path keyStore, String keyStorePassword, Path caCertificate) {

    static LoopbackCertificate create(Path directory) {
        String password = HexFormat.of().formatHex(randomBytes(16));
        Path keyStore = directory.resolve("broker.p12");
        Path certificate = directory.resolve("ca.crt");
        keytool(
                password,
                List.of(
                        "-genkeypair",
                        "-alias",
                        "broker",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass:env",
                        "STORE_PASSWORD",
                        "-keypass:env",
                        "STORE_PASSWORD"));
        keytool(
                password,
                List.of(
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "broker",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass:env",
                        "STORE_PASSWORD",
                        "-file",
                        certificate.toString()));
        return new LoopbackCertificate(keyStore, password, certificate);
    }

    /** The password reaches keytool through its environment, never its command line. */
    private static void keytool(String password, List<String> arguments) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STORE_PASSWORD", password);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments.getFirst() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "LoopbackCertificate[" + keyStore + ", " + caCertificate + "]";
    }
}

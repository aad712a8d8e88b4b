package io.dbaas.nebula.support;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;

/**
 * A real S3-compatible server (S3Proxy, on jclouds' in-memory store, named by its metadata: a lookup by name would load
 * every cloud back end S3Proxy registers, which the build leaves out) in the test JVM, on 127.0.0.1 and a free port,
 * started once per JVM. It checks AWS signatures (V2 and V4, pre-signed URLs included) against one access key pair.
 * Tests reach its objects through S3 like Nebula does, and may seed them through {@link #blobStore()}, which is
 * faster for thousands.
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "AKIADBAASTESTKEY0001";
    public static final String SECRET_KEY = "s3proxy-Secret/Key+0123456789abcdefghijk";

    private static final BlobStoreContext CONTEXT = ContextBuilder.newBuilder(new TransientApiMetadata())
            .credentials("unused", "unused")
            .overrides(new Properties())
            .buildView(BlobStoreContext.class);
    private static final S3Proxy PROXY = start();

    private S3ProxyServer() {}

    /** The endpoint, as a region's {@code backup-storage.endpoint} names it. */
    public static String endpoint() {
        return "http://127.0.0.1:" + PROXY.getPort();
    }

    /** The store behind the server, for seeding and reading objects without S3 requests. */
    public static BlobStore blobStore() {
        return CONTEXT.getBlobStore();
    }

    private static S3Proxy start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(CONTEXT.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // S3Proxy answers 501 to any x-amz- header it does not know, among them the checksum headers the AWS
                // SDK sends since 2.30 (x-amz-checksum-crc32, x-amz-sdk-checksum-algorithm), which Amazon S3 and
                // current S3-compatible stores take. Signatures are still checked: signed headers are signed.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        // start() returns once Jetty listens; the port is the one the system chose for port 0.
        if (proxy.getPort() <= 0) {
            throw new IllegalStateException("S3Proxy started in state " + proxy.getState() + " without a port");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                // the JVM ends anyway
            }
            CONTEXT.close();
        }));
        return proxy;
    }
}

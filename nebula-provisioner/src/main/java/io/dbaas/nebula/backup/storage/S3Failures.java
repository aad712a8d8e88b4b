package io.dbaas.nebula.backup.storage;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failed S3 call into a {@link BackupStorageException} whose message a human can act on. Only the status and
 * the store's error code are kept: an S3 error's own text may echo the access key id or what was signed.
 */
final class S3Failures {

    private S3Failures() {}

    /**
     * @param store the store that was asked
     * @param what what Nebula asked, e.g. {@code listing accounts/…/clusters/…/}
     */
    static BackupStorageException describe(S3Store store, String what, SdkException failure) {
        String asked = store.subject() + " ";
        if (failure instanceof AwsServiceException answer) {
            int status = answer.statusCode();
            String code =
                    answer.awsErrorDetails() == null || answer.awsErrorDetails().errorCode() == null
                            ? ""
                            : " " + answer.awsErrorDetails().errorCode();
            String answered = asked + "answered " + status + code + " when " + what + ".";
            if (status >= 500 || status == 429) {
                return new BackupStorageUnavailableException(answered, failure);
            }
            return new BackupStorageException(answered + hint(status), failure);
        }
        return new BackupStorageUnavailableException(
                asked + "did not answer when " + what + ": " + networkProblem(failure) + ".", failure);
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 ->
                " Check that the credentials in the region's Secret are current and allow s3:ListBucket on the"
                        + " bucket and s3:GetObject and s3:DeleteObject under its path prefix.";
            case 404 -> " Check the bucket's name and the endpoint in the region's backup-storage.";
            default -> "";
        };
    }

    private static String networkProblem(Throwable failure) {
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return "no answer in time";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof InterruptedIOException) {
                return "no answer in time";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake failed";
            }
        }
        return "the request failed (" + failure.getClass().getSimpleName() + ")";
    }
}

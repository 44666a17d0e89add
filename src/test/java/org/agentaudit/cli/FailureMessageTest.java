package org.agentaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one-line messages of storage failures (the real S3A exception chains are in S3FailureIT). */
class FailureMessageTest {

    @Test
    void accessDeniedOnS3NamesThePathAndWhatToCheck() {
        Exception e = new UncheckedIOException("cannot use the table s3a://b/t: ...",
                new AccessDeniedException("s3a://b/t", null, "getFileStatus on s3a://b/t: S3Exception: Forbidden (Status Code: 403)"));
        String line = FailureMessage.storage(e).orElseThrow();
        assertTrue(line.startsWith("access denied by S3 to s3a://b/t: check the credentials"), line);
    }

    @Test
    void accessDeniedOnALocalFileIsAboutPermissions() {
        Exception e = new UncheckedIOException(new AccessDeniedException("/data/t"));
        assertEquals("access denied to /data/t: check the file permissions", FailureMessage.storage(e).orElseThrow());
    }

    @Test
    void connectionFailuresNameTheEndpointAndTheOperation() {
        Exception e = new RuntimeException("cannot list input s3a://b/in: getFileStatus on s3a://b/in: SdkClientException: ...",
                new ConnectException("Connect to 127.0.0.1:9 [/127.0.0.1] failed: Connection refused"));
        assertEquals("cannot connect: Connect to 127.0.0.1:9 [/127.0.0.1] failed: Connection refused (getFileStatus on s3a://b/in)",
                FailureMessage.storage(e).orElseThrow());
        Exception unknown = new RuntimeException(new UnknownHostException("s3.nowhere.example"));
        assertEquals("cannot connect: unknown host s3.nowhere.example", FailureMessage.storage(unknown).orElseThrow());
    }

    @Test
    void timeoutsSayWhatTimedOut() {
        Exception e = new RuntimeException(new SocketTimeoutException("Read timed out"));
        assertEquals("timed out: Read timed out", FailureMessage.storage(e).orElseThrow());
    }

    @Test
    void otherFailuresAreLeftToTheCaller() {
        assertEquals(Optional.empty(), FailureMessage.storage(new IllegalStateException("no such column")));
    }
}

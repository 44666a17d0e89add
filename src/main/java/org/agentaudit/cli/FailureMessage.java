package org.agentaudit.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a failed run prints. Storage failures get a line that says what to check: S3A wraps
 * the AWS SDK's exceptions several levels deep, and the innermost message alone ("Forbidden",
 * "Connection refused") does not say which store or what to do. Never includes credentials: it is
 * built from exception messages, which S3A and the SDK keep free of them.
 */
final class FailureMessage {
    private static final Pattern OPERATION = Pattern.compile("\\b([A-Za-z]+) on ((?:s3a|s3|gs|abfss?|hdfs)://[^\\s:]+)");

    private FailureMessage() {}

    /** A line for a failure to reach or use the storage, or empty when the failure is something else. */
    static Optional<String> storage(Throwable failure) {
        List<Throwable> chain = chain(failure);
        String where = operation(chain);
        boolean s3 = chain.stream().anyMatch(t -> t.getClass().getName().startsWith("software.amazon.awssdk.")
                || t.getClass().getName().startsWith("org.apache.hadoop.fs.s3a."));
        for (Throwable t : chain) {
            if (t instanceof AccessDeniedException denied) {
                String file = denied.getFile();
                if (s3 || (file != null && file.startsWith("s3a://"))) {
                    return Optional.of("access denied by S3" + (file == null ? "" : " to " + file)
                            + ": check the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS profile or role) and the bucket policy");
                }
                return Optional.of("access denied" + (file == null ? "" : " to " + file) + ": check the file permissions");
            }
        }
        Throwable timeout = deepest(chain, t -> t.getClass().getSimpleName().contains("Timeout"));
        if (timeout != null) {
            return Optional.of((s3 ? "S3 did not answer in time" : "timed out") + ": " + firstLine(timeout.getMessage()) + suffix(where)
                    + (s3 ? "; check AGENT_AUDIT_S3_ENDPOINT / fs.s3a.endpoint and the network" : ""));
        }
        Throwable unreachable = deepest(chain, t -> t instanceof ConnectException && t.getMessage() != null
                && t.getMessage().startsWith("Connect to "));
        if (unreachable == null) {
            unreachable = deepest(chain, t -> t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException);
        }
        if (unreachable != null) {
            String detail = unreachable instanceof UnknownHostException ? "unknown host " + unreachable.getMessage()
                    : firstLine(unreachable.getMessage());
            return Optional.of((s3 ? "cannot reach S3" : "cannot connect") + ": " + detail + suffix(where)
                    + (s3 ? "; check AGENT_AUDIT_S3_ENDPOINT / fs.s3a.endpoint and the network" : ""));
        }
        return Optional.empty();
    }

    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable deepest(List<Throwable> chain, java.util.function.Predicate<Throwable> test) {
        Throwable found = null;
        for (Throwable t : chain) {
            if (test.test(t)) {
                found = t;
            }
        }
        return found;
    }

    /** "getFileStatus on s3a://bucket/path", from the outermost message that names one. */
    private static String operation(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t.getMessage() != null) {
                Matcher m = OPERATION.matcher(t.getMessage());
                if (m.find()) {
                    return m.group(1) + " on " + m.group(2);
                }
            }
        }
        return null;
    }

    private static String suffix(String where) {
        return where == null ? "" : " (" + where + ")";
    }

    private static String firstLine(String message) {
        return AgentAudit.firstLine(message == null ? "" : message);
    }
}

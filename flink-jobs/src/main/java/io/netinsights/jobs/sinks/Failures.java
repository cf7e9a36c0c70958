package io.netinsights.jobs.sinks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How the sinks word and classify failures: exceptions described by class and message (never by
 * request contents), HTTP statuses split into worth retrying (408, 425, 429, 5xx) and refused.
 */
final class Failures {
    private static final int EXCERPT = 200;

    private Failures() {}

    /** The failure inside CompletableFuture wrappers. */
    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** "ConnectException: Connection refused", following causes when a message is missing. */
    static String describe(Throwable t) {
        Throwable e = unwrap(t);
        StringBuilder out = new StringBuilder(e.getClass().getSimpleName());
        Throwable cur = e;
        while (cur.getMessage() == null && cur.getCause() != null) {
            cur = cur.getCause();
            out.append(" <- ").append(cur.getClass().getSimpleName());
        }
        if (cur.getMessage() != null) {
            out.append(": ").append(cur.getMessage());
        }
        return out.toString();
    }

    /** Whether an HTTP status is a temporary refusal. */
    static boolean retryableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** The outcome of an HTTP response from {@code where} (scheme://host:port). */
    static Outcome http(int status, String where, byte[] body) {
        if (status >= 200 && status < 300) {
            return Outcome.delivered();
        }
        String reason = "HTTP " + status + " from " + where + excerpt(body);
        return retryableStatus(status) ? Outcome.retry(reason) : Outcome.dead(reason);
    }

    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text =
                new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8)
                        .replaceAll("\\s+", " ")
                        .trim();
        return ": " + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text);
    }
}

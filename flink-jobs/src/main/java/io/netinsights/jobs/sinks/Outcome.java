package io.netinsights.jobs.sinks;

/**
 * What one delivery attempt of one entry came to: delivered, worth retrying (a timeout, a 5xx, a
 * throttle) or permanently refused (a 4xx, a bad request, a refused overwrite).
 */
public record Outcome(Status status, String reason) {

    /** The three ways an attempt ends. */
    public enum Status {
        DELIVERED,
        RETRY,
        DEAD
    }

    private static final Outcome DELIVERED_OUTCOME = new Outcome(Status.DELIVERED, "");

    public static Outcome delivered() {
        return DELIVERED_OUTCOME;
    }

    public static Outcome retry(String reason) {
        return new Outcome(Status.RETRY, reason);
    }

    public static Outcome dead(String reason) {
        return new Outcome(Status.DEAD, reason);
    }
}

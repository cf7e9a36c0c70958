package io.netinsights.js;

/** Counters of one script instance: calls, failures, budget overruns, items skipped. */
public final class ScriptStats {
    long calls;
    long failures;
    long timeouts;
    long skipped;
    long jobRuns;

    public long calls() {
        return calls;
    }

    public long failures() {
        return failures;
    }

    public long timeouts() {
        return timeouts;
    }

    /** Calls not made because the instance is quarantined. */
    public long skipped() {
        return skipped;
    }

    public long jobRuns() {
        return jobRuns;
    }

    @Override
    public String toString() {
        return String.format(
                "calls=%d failures=%d timeouts=%d skipped=%d jobRuns=%d",
                calls, failures, timeouts, skipped, jobRuns);
    }
}

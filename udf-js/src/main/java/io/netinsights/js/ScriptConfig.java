package io.netinsights.js;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a script instance: its environment, the time budget of each hook and job call, how
 * many failures in a row quarantine it, and the network policies its {@code policy} helper uses.
 */
public final class ScriptConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default wall-clock budget of one hook or job call. */
    public static final long DEFAULT_BUDGET_MILLIS = 2_000;

    /** Default number of consecutive failed calls after which an instance is quarantined. */
    public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 20;

    /** Default cap of the instance's in-memory file area (file.* helpers). */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

    private final Map<String, String> env;
    private final long budgetMillis;
    private final int maxConsecutiveFailures;
    private final long maxFileBytes;
    private final PolicyHelper.Factory policy;

    private ScriptConfig(Builder b) {
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.budgetMillis = b.budgetMillis;
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
        this.maxFileBytes = b.maxFileBytes;
        this.policy = b.policy;
    }

    public static ScriptConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Raw values of the script environment; JSON-looking values become numbers, booleans... */
    public Map<String, String> env() {
        return env;
    }

    public long budgetMillis() {
        return budgetMillis;
    }

    public int maxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** What backs the {@code policy} helper, or null when the job has no policies. */
    public PolicyHelper.Factory policy() {
        return policy;
    }

    /** Builder that validates in {@link #build()}. */
    public static final class Builder {
        private final Map<String, String> env = new LinkedHashMap<>();
        private long budgetMillis = DEFAULT_BUDGET_MILLIS;
        private int maxConsecutiveFailures = DEFAULT_MAX_CONSECUTIVE_FAILURES;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private PolicyHelper.Factory policy;

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder budgetMillis(long millis) {
            this.budgetMillis = millis;
            return this;
        }

        public Builder maxConsecutiveFailures(int n) {
            this.maxConsecutiveFailures = n;
            return this;
        }

        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        /** Policies (and pods) for the {@code policy} helper; null for none. */
        public Builder policy(PolicyHelper.Factory factory) {
            this.policy = factory;
            return this;
        }

        public ScriptConfig build() {
            if (budgetMillis < 1) {
                throw new IllegalArgumentException(
                        "hook budget must be at least 1 ms, got " + budgetMillis);
            }
            if (maxConsecutiveFailures < 1) {
                throw new IllegalArgumentException(
                        "max consecutive failures must be at least 1, got "
                                + maxConsecutiveFailures);
            }
            for (String k : env.keySet()) {
                if (k == null || k.isEmpty()) {
                    throw new IllegalArgumentException("env keys must be non-empty");
                }
            }
            return new ScriptConfig(this);
        }
    }
}

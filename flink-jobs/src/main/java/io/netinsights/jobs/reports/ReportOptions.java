package io.netinsights.jobs.reports;

import io.netinsights.policy.NetworkPolicyEvaluator;
import io.netinsights.policy.PodInventory;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Options of the report job: which reports, the event-time window and its baseline, the thresholds
 * of each report, and the pod inventory and candidate policies they use.
 */
public final class ReportOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Set<Report> reports;
    private final long windowMillis;
    private final int baselineWindows;
    private final Duration outOfOrderness;
    private final long minCount;
    private final double latencyQuantile;
    private final double latencyRatio;
    private final double latencyMinDeltaMs;
    private final double errorRateMin;
    private final double errorRatio;
    private final int topN;
    private final int maxFlows;
    private final int maxExamples;
    private final PodInventory inventory;
    private final String policiesYaml;

    private ReportOptions(Builder b) {
        this.reports = EnumSet.copyOf(b.reports);
        this.windowMillis = b.window.toMillis();
        this.baselineWindows = b.baselineWindows;
        this.outOfOrderness = b.outOfOrderness;
        this.minCount = b.minCount;
        this.latencyQuantile = b.latencyQuantile;
        this.latencyRatio = b.latencyRatio;
        this.latencyMinDeltaMs = b.latencyMinDeltaMs;
        this.errorRateMin = b.errorRateMin;
        this.errorRatio = b.errorRatio;
        this.topN = b.topN;
        this.maxFlows = b.maxFlows;
        this.maxExamples = b.maxExamples;
        this.inventory = b.inventory;
        this.policiesYaml = b.policiesYaml;
    }

    public static Builder builder(Set<Report> reports) {
        return new Builder(reports);
    }

    public Set<Report> reports() {
        return reports;
    }

    public long windowMillis() {
        return windowMillis;
    }

    public int baselineWindows() {
        return baselineWindows;
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    public long minCount() {
        return minCount;
    }

    public double latencyQuantile() {
        return latencyQuantile;
    }

    public double latencyRatio() {
        return latencyRatio;
    }

    public double latencyMinDeltaMs() {
        return latencyMinDeltaMs;
    }

    public double errorRateMin() {
        return errorRateMin;
    }

    public double errorRatio() {
        return errorRatio;
    }

    public int topN() {
        return topN;
    }

    public int maxFlows() {
        return maxFlows;
    }

    public int maxExamples() {
        return maxExamples;
    }

    public PodInventory inventory() {
        return inventory;
    }

    public String policiesYaml() {
        return policiesYaml;
    }

    /**
     * Builder with defaults: 1 minute windows, a baseline of the 5 previous windows, 2 s
     * out-of-orderness, at least 20 items per window and baseline, p95 latency at least 2x the
     * baseline and 20 ms above it, error rate at least 5% and 2x the baseline, top 10 talkers, 20
     * denied flows with 3 example items each.
     */
    public static final class Builder {
        private final Set<Report> reports;
        private Duration window = Duration.ofMinutes(1);
        private int baselineWindows = 5;
        private Duration outOfOrderness = Duration.ofSeconds(2);
        private long minCount = 20;
        private double latencyQuantile = 0.95;
        private double latencyRatio = 2.0;
        private double latencyMinDeltaMs = 20;
        private double errorRateMin = 0.05;
        private double errorRatio = 2.0;
        private int topN = 10;
        private int maxFlows = 20;
        private int maxExamples = 3;
        private PodInventory inventory = PodInventory.empty();
        private String policiesYaml = "";

        private Builder(Set<Report> reports) {
            this.reports = EnumSet.noneOf(Report.class);
            this.reports.addAll(Objects.requireNonNull(reports, "reports"));
        }

        public Builder window(Duration d) {
            window = Objects.requireNonNull(d, "window");
            return this;
        }

        public Builder baselineWindows(int n) {
            baselineWindows = n;
            return this;
        }

        public Builder outOfOrderness(Duration d) {
            outOfOrderness = Objects.requireNonNull(d, "outOfOrderness");
            return this;
        }

        public Builder minCount(long n) {
            minCount = n;
            return this;
        }

        public Builder latencyQuantile(double q) {
            latencyQuantile = q;
            return this;
        }

        public Builder latencyRatio(double r) {
            latencyRatio = r;
            return this;
        }

        public Builder latencyMinDeltaMs(double ms) {
            latencyMinDeltaMs = ms;
            return this;
        }

        public Builder errorRateMin(double r) {
            errorRateMin = r;
            return this;
        }

        public Builder errorRatio(double r) {
            errorRatio = r;
            return this;
        }

        public Builder topN(int n) {
            topN = n;
            return this;
        }

        public Builder maxFlows(int n) {
            maxFlows = n;
            return this;
        }

        public Builder maxExamples(int n) {
            maxExamples = n;
            return this;
        }

        public Builder inventory(PodInventory inv) {
            inventory = Objects.requireNonNull(inv, "inventory");
            return this;
        }

        public Builder policiesYaml(String yaml) {
            policiesYaml = yaml == null ? "" : yaml;
            return this;
        }

        /** Checks every option and says which one to fix. */
        public ReportOptions build() {
            check(!reports.isEmpty(), "choose at least one report (%s)", Report.names());
            check(window.toMillis() >= 1, "the window must be at least 1 ms, got %s", window);
            check(
                    !outOfOrderness.isNegative(),
                    "out-of-orderness must be >= 0, got %s",
                    outOfOrderness);
            check(baselineWindows >= 1, "baseline windows must be >= 1, got %s", baselineWindows);
            check(minCount >= 1, "min count must be >= 1, got %s", minCount);
            check(
                    latencyQuantile > 0 && latencyQuantile < 1,
                    "the latency quantile must be in (0, 1), got %s",
                    latencyQuantile);
            check(latencyRatio >= 1, "the latency ratio must be >= 1, got %s", latencyRatio);
            check(
                    latencyMinDeltaMs >= 0,
                    "the latency delta must be >= 0 ms, got %s",
                    latencyMinDeltaMs);
            check(
                    errorRateMin > 0 && errorRateMin <= 1,
                    "the minimum error rate must be in (0, 1], got %s",
                    errorRateMin);
            check(errorRatio >= 1, "the error ratio must be >= 1, got %s", errorRatio);
            check(topN >= 1, "top N must be >= 1, got %s", topN);
            check(
                    maxFlows >= 1 && maxExamples >= 0,
                    "max flows must be >= 1 and max examples >= 0, got %s and %s",
                    maxFlows,
                    maxExamples);
            if (reports.contains(Report.POLICY_IMPACT)) {
                check(
                        !policiesYaml.isBlank(),
                        "the policy-impact report needs candidate policies (--policies FILE)");
                NetworkPolicyEvaluator.fromYaml(policiesYaml); // fails here, not in the job
            }
            return new ReportOptions(this);
        }

        private static void check(boolean ok, String message, Object... args) {
            if (!ok) {
                throw new IllegalArgumentException(String.format(message, args));
            }
        }
    }
}

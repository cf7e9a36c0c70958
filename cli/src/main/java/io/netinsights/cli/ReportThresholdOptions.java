package io.netinsights.cli;

import io.netinsights.jobs.reports.ReportOptions;

import picocli.CommandLine.Option;

/** Baseline and threshold options of {@code report}, with the defaults of {@link ReportOptions}. */
final class ReportThresholdOptions {
    @Option(
            names = "--baseline",
            paramLabel = "N",
            defaultValue = "5",
            description = "previous windows a window is compared with (default ${DEFAULT-VALUE})")
    int baseline;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "how late an item may come (default ${DEFAULT-VALUE})")
    String outOfOrderness;

    @Option(
            names = "--min-count",
            paramLabel = "N",
            defaultValue = "20",
            description = "items a window and its baseline need (default ${DEFAULT-VALUE})")
    long minCount;

    @Option(
            names = "--latency-quantile",
            paramLabel = "Q",
            defaultValue = "0.95",
            description = "latency quantile compared (default ${DEFAULT-VALUE})")
    double latencyQuantile;

    @Option(
            names = "--latency-ratio",
            paramLabel = "X",
            defaultValue = "2",
            description =
                    "anomaly when the quantile is X times the baseline's (default ${DEFAULT-VALUE})")
    double latencyRatio;

    @Option(
            names = "--latency-min-delta-ms",
            paramLabel = "MS",
            defaultValue = "20",
            description = "... and at least MS above it (default ${DEFAULT-VALUE})")
    double latencyMinDeltaMs;

    @Option(
            names = "--error-rate",
            paramLabel = "R",
            defaultValue = "0.05",
            description = "spike when the error rate is at least R (default ${DEFAULT-VALUE})")
    double errorRate;

    @Option(
            names = "--error-ratio",
            paramLabel = "X",
            defaultValue = "2",
            description = "... and X times the baseline's (default ${DEFAULT-VALUE})")
    double errorRatio;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "10",
            description = "talker pairs per window (default ${DEFAULT-VALUE})")
    int top;

    @Option(
            names = "--max-flows",
            paramLabel = "N",
            defaultValue = "20",
            description = "denied flows listed per policy or workload (default ${DEFAULT-VALUE})")
    int maxFlows;

    @Option(
            names = "--max-examples",
            paramLabel = "N",
            defaultValue = "3",
            description = "example item ids per denied flow (default ${DEFAULT-VALUE})")
    int maxExamples;

    /** Sets these options on the builder. */
    ReportOptions.Builder apply(ReportOptions.Builder b) {
        return b.baselineWindows(baseline)
                .outOfOrderness(ReportCommand.duration("--out-of-orderness", outOfOrderness))
                .minCount(minCount)
                .latencyQuantile(latencyQuantile)
                .latencyRatio(latencyRatio)
                .latencyMinDeltaMs(latencyMinDeltaMs)
                .errorRateMin(errorRate)
                .errorRatio(errorRatio)
                .topN(top)
                .maxFlows(maxFlows)
                .maxExamples(maxExamples);
    }
}

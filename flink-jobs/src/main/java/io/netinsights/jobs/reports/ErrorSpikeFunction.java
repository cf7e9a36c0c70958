package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.util.Collector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error-rate spikes per service: a window with at least {@code minCount} items whose error rate
 * ({@link ItemKeys#isError}) is at least {@code errorRateMin} and at least {@code errorRatio} times
 * the baseline's rate (any rate counts when the baseline has fewer than {@code minCount} items: a
 * new service that fails is a spike too).
 */
public final class ErrorSpikeFunction extends BaselineWindowFunction<long[]> {
    private static final long serialVersionUID = 1L;

    private final ReportOptions options;

    public ErrorSpikeFunction(ReportOptions options) {
        super(
                options.windowMillis(),
                options.baselineWindows(),
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
        this.options = options;
    }

    @Override
    protected long[] add(long[] acc, ApiItem item) {
        long[] a = acc == null ? new long[2] : acc;
        a[0]++;
        if (ItemKeys.isError(item)) {
            a[1]++;
        }
        return a;
    }

    @Override
    protected void evaluate(
            String key,
            long start,
            long[] current,
            List<long[]> baseline,
            Collector<ReportRecord> out) {
        long n = current[0];
        long e = current[1];
        long baseN = 0;
        long baseE = 0;
        for (long[] b : baseline) {
            baseN += b[0];
            baseE += b[1];
        }
        double rate = n == 0 ? 0 : (double) e / n;
        boolean hasBaseline = baseN >= options.minCount();
        double baseRate = baseN == 0 ? 0 : (double) baseE / baseN;
        if (n < options.minCount()
                || rate < options.errorRateMin()
                || (hasBaseline && rate < baseRate * options.errorRatio())) {
            return;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("count", (double) n);
        metrics.put("errors", (double) e);
        metrics.put("errorRate", LatencyStats.round(rate));
        metrics.put("baselineRate", LatencyStats.round(baseRate));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("baselineWindows", baseline.size());
        details.put("baselineCount", baseN);
        details.put("baselineErrors", baseE);
        details.put("hasBaseline", hasBaseline);
        out.collect(
                ReportRecords.of(
                        Report.ERROR_SPIKES,
                        start,
                        options.windowMillis(),
                        "service",
                        key,
                        0,
                        metrics,
                        details));
    }
}

package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * Latency anomalies of one key (a service or an endpoint, per {@code keyKind}): each window's
 * latency digest against the digests of the previous windows. Items without a response (an item
 * error) have no latency and are left out.
 */
public final class LatencyAnomalyFunction extends BaselineWindowFunction<byte[]> {
    private static final long serialVersionUID = 1L;

    private final String keyKind;
    private final ReportOptions options;

    public LatencyAnomalyFunction(String keyKind, ReportOptions options) {
        super(
                options.windowMillis(),
                options.baselineWindows(),
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        this.keyKind = keyKind;
        this.options = options;
    }

    @Override
    protected byte[] add(byte[] acc, ApiItem item) {
        if (item.getError() != null || item.getElapsedTime() < 0) {
            return acc == null
                    ? LatencyStats.bytes(
                            new com.tdunning.math.stats.MergingDigest(LatencyStats.COMPRESSION))
                    : acc;
        }
        return LatencyStats.add(acc, item.getElapsedTime());
    }

    @Override
    protected void evaluate(
            String key,
            long start,
            byte[] current,
            List<byte[]> baseline,
            Collector<ReportRecord> out) {
        LatencyStats.judge(keyKind, key, start, current, baseline, options).ifPresent(out::collect);
    }
}

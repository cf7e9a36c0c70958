package io.netinsights.jobs.reports;

import io.netinsights.schemas.ReportRecord;

import com.tdunning.math.stats.MergingDigest;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Latency quantiles of a window from a t-digest kept as bytes in state, and the anomaly rule: a
 * window with at least {@code minCount} items whose quantile is at least {@code ratio} times the
 * baseline's (the previous windows' digests merged, also with at least {@code minCount} items) and
 * at least {@code minDeltaMs} above it.
 */
public final class LatencyStats {
    /** t-digest compression: ~1% error near the tails for a few KB per window and key. */
    static final double COMPRESSION = 200;

    private LatencyStats() {}

    /** Adds one latency (ms) to a serialized digest ({@code null} starts a new one). */
    public static byte[] add(byte[] acc, double millis) {
        MergingDigest d = acc == null ? new MergingDigest(COMPRESSION) : digest(acc);
        d.add(millis);
        return bytes(d);
    }

    public static MergingDigest digest(byte[] bytes) {
        return MergingDigest.fromBytes(ByteBuffer.wrap(bytes));
    }

    static byte[] bytes(MergingDigest d) {
        ByteBuffer buf = ByteBuffer.allocate(d.byteSize());
        d.asBytes(buf);
        return buf.array();
    }

    /** The digests merged into one. */
    public static MergingDigest merge(List<byte[]> all) {
        MergingDigest out = new MergingDigest(COMPRESSION);
        for (byte[] b : all) {
            out.add(digest(b));
        }
        return out;
    }

    /** The anomaly record of a window, if it is one. */
    public static Optional<ReportRecord> judge(
            String keyKind,
            String key,
            long start,
            byte[] current,
            List<byte[]> baseline,
            ReportOptions o) {
        MergingDigest cur = digest(current);
        MergingDigest base = merge(baseline);
        if (cur.size() < o.minCount() || base.size() < o.minCount()) {
            return Optional.empty();
        }
        double q = o.latencyQuantile();
        double now = cur.quantile(q);
        double before = base.quantile(q);
        if (now < before * o.latencyRatio() || now - before < o.latencyMinDeltaMs()) {
            return Optional.empty();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("count", (double) cur.size());
        metrics.put("p50Ms", round(cur.quantile(0.5)));
        metrics.put("p95Ms", round(cur.quantile(0.95)));
        metrics.put("p99Ms", round(cur.quantile(0.99)));
        metrics.put("quantileMs", round(now));
        metrics.put("baselineMs", round(before));
        metrics.put("ratio", before > 0 ? round(now / before) : Double.POSITIVE_INFINITY);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quantile", q);
        details.put("baselineWindows", baseline.size());
        details.put("baselineCount", base.size());
        details.put("baselineP50Ms", round(base.quantile(0.5)));
        return Optional.of(
                ReportRecords.of(
                        Report.LATENCY_ANOMALIES,
                        start,
                        o.windowMillis(),
                        keyKind,
                        key,
                        0,
                        metrics,
                        details));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

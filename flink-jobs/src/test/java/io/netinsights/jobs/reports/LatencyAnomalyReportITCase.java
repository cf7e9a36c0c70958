package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The latency-anomaly report on generated traffic with injected latency shifts (a whole service in
 * one window, one endpoint in another): the expected anomalies and their quantiles are computed
 * here from the raw latencies, with exact quantiles, and the report must list exactly those, with
 * quantiles within the sketch's accuracy.
 */
class LatencyAnomalyReportITCase {
    @RegisterExtension static final MiniClusterExtension MINI = ReportRuns.miniCluster();

    private static final long W = 60_000;
    private static final int WINDOWS = 10;
    private static final int BASELINE = 3;
    private static final String[] SERVICES = {"shop/cart", "shop/orders", "shop/users", "pay/api"};
    private static final String[] PATHS = {"/a", "/orders/%d", "/b/%s/c"};

    /** {@code kind|key|window} to the latencies of that group. */
    private final Map<String, List<Double>> groups = new TreeMap<>();

    private final List<ApiItem> items = new ArrayList<>();

    private void generate() {
        Random random = new Random(11);
        int n = 0;
        for (int w = 0; w < WINDOWS; w++) {
            for (String svc : SERVICES) {
                for (int p = 0; p < PATHS.length; p++) {
                    int count = 30 + random.nextInt(30);
                    for (int i = 0; i < count; i++) {
                        double ms = 5 + random.nextInt(15);
                        if (svc.equals("shop/orders") && w == 5) {
                            ms *= 5; // the whole service slows down
                        }
                        if (svc.equals("pay/api") && p == 1 && w == 7) {
                            ms *= 8; // one endpoint slows down
                        }
                        String path =
                                String.format(
                                        PATHS[p],
                                        random.nextInt(10_000),
                                        java.util.UUID.randomUUID());
                        String template = PATHS[p].replace("%d", "{id}").replace("%s", "{id}");
                        long ts = T0 + w * W + random.nextInt((int) W);
                        items.add(
                                http(
                                        "i" + n++,
                                        ts,
                                        "10.0.0." + random.nextInt(9),
                                        "10.9.0.1",
                                        8080,
                                        svc,
                                        "GET",
                                        path + "?q=" + i,
                                        200,
                                        (long) ms));
                        group("service|" + svc, w).add(ms);
                        group("endpoint|" + svc + " GET " + template, w).add(ms);
                    }
                }
            }
        }
        items.sort((a, b) -> Long.compare(a.getTimestamp(), b.getTimestamp()));
    }

    private List<Double> group(String key, int w) {
        return groups.computeIfAbsent(key + "|" + w, k -> new ArrayList<>());
    }

    /** Exact quantile with linear interpolation between closest ranks. */
    static double quantile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    /** {@code kind|key|window} to the window's exact p95, for the windows that are anomalies. */
    private Map<String, Double> expected(ReportOptions o) {
        Map<String, Double> out = new TreeMap<>();
        Map<String, List<Double>> byKeyWindow = new HashMap<>(groups);
        for (Map.Entry<String, List<Double>> e : groups.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            int w = Integer.parseInt(parts[2]);
            List<Double> base = new ArrayList<>();
            for (int b = Math.max(0, w - BASELINE); b < w; b++) {
                base.addAll(
                        byKeyWindow.getOrDefault(parts[0] + "|" + parts[1] + "|" + b, List.of()));
            }
            if (e.getValue().size() < o.minCount() || base.size() < o.minCount()) {
                continue;
            }
            double now = quantile(e.getValue(), 0.95);
            double before = quantile(base, 0.95);
            if (now >= before * o.latencyRatio() && now - before >= o.latencyMinDeltaMs()) {
                out.put(e.getKey(), now);
            }
        }
        return out;
    }

    @Test
    void reportsExactlyTheShiftedWindowsPerServiceAndEndpoint() throws Exception {
        generate();
        ReportOptions options =
                ReportOptions.builder(EnumSet.of(Report.LATENCY_ANOMALIES))
                        .window(Duration.ofMillis(W))
                        .baselineWindows(BASELINE)
                        .build();
        Map<String, Double> want = expected(options);
        List<ReportRecord> records = ReportRuns.run(items, options);
        Map<String, Double> got = new TreeMap<>();
        for (ReportRecord r : records) {
            got.put(
                    r.getKeyKind() + "|" + r.getKey() + "|" + (r.getWindowStart() - T0) / W,
                    r.getMetrics().get("quantileMs"));
        }
        assertThat(got.keySet()).isEqualTo(want.keySet());
        assertThat(want.keySet())
                .containsExactlyInAnyOrder(
                        "service|shop/orders|5",
                        "endpoint|shop/orders GET /a|5",
                        "endpoint|shop/orders GET /orders/{id}|5",
                        "endpoint|shop/orders GET /b/{id}/c|5",
                        "service|pay/api|7",
                        "endpoint|pay/api GET /orders/{id}|7");
        for (Map.Entry<String, Double> e : want.entrySet()) {
            assertThat(got.get(e.getKey()))
                    .as(e.getKey())
                    .isCloseTo(e.getValue(), within(e.getValue() * 0.05));
        }
    }
}

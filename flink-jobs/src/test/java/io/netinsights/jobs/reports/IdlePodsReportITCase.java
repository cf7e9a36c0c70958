package io.netinsights.jobs.reports;

import io.netinsights.policy.PodInfo;
import io.netinsights.policy.PodInventory;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.http;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle-pods report on generated traffic with injected idle pods, pods that start and end during
 * the capture, and a host-network pod; the expected answer is computed here from the raw items and
 * pod lifetimes, and two runs of the same input give the same records.
 */
class IdlePodsReportITCase {
    @RegisterExtension static final MiniClusterExtension MINI = ReportRuns.miniCluster();

    private static final long W = 60_000;
    private static final int WINDOWS = 12;
    private static final int PODS = 40;

    private final Random random = new Random(7);
    private final List<PodInfo> pods = new ArrayList<>();
    private final Set<String> injected = new TreeSet<>();
    private final List<ApiItem> items = new ArrayList<>();

    private void generate() {
        for (int i = 0; i < PODS; i++) {
            PodInfo.Builder b =
                    PodInfo.builder("ns" + (i % 3), "pod-" + i)
                            .ip("10.1.0." + i)
                            .start(T0 - 3_600_000);
            if (i % 7 == 3) {
                b.start(T0 + (i % WINDOWS) * W + 17_000);
            }
            if (i % 11 == 5) {
                b.end(T0 + ((i * 3) % WINDOWS) * W + 23_000);
            }
            pods.add(b.hostNetwork(i == 13).build());
        }
        int n = 0;
        for (int w = 0; w < WINDOWS; w++) {
            long ws = T0 + w * W;
            List<PodInfo> talking = new ArrayList<>();
            for (PodInfo p : pods) {
                boolean aliveHere = p.startMillis() < ws + W && p.endMillis() > ws;
                if (aliveHere && random.nextInt(6) == 0) {
                    injected.add(w + " " + p.key());
                } else if (aliveHere) {
                    talking.add(p);
                }
            }
            for (PodInfo p : talking) {
                for (int k = 0; k <= random.nextInt(3); k++) {
                    long lo = Math.max(ws, p.startMillis());
                    long hi = Math.min(ws + W, p.endMillis());
                    long ts = lo + (long) (random.nextDouble() * (hi - lo - 1));
                    PodInfo peer = talking.get(random.nextInt(talking.size()));
                    boolean external = !peer.aliveAt(ts) || random.nextBoolean();
                    String peerIp =
                            external ? "203.0.113." + random.nextInt(50) : peer.ips().get(0);
                    items.add(
                            random.nextBoolean()
                                    ? http(
                                            "i" + n++,
                                            ts,
                                            p.ips().get(0),
                                            peerIp,
                                            80,
                                            "s",
                                            "GET",
                                            "/",
                                            200,
                                            3)
                                    : http(
                                            "i" + n++,
                                            ts,
                                            peerIp,
                                            p.ips().get(0),
                                            80,
                                            "s",
                                            "GET",
                                            "/",
                                            200,
                                            3));
                }
            }
        }
        // Shuffle a little within the out-of-orderness bound (2 s).
        items.sort((a, b) -> Long.compare(a.getTimestamp(), b.getTimestamp()));
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).getTimestamp() - items.get(i - 1).getTimestamp() < 1_500
                    && random.nextBoolean()) {
                java.util.Collections.swap(items, i, i - 1);
            }
        }
    }

    /** Independently: pods alive all window long, minus any whose IP an item used while alive. */
    private Set<String> expected() {
        Set<String> out = new TreeSet<>();
        for (int w = 0; w < WINDOWS; w++) {
            long ws = T0 + w * W;
            Set<String> touched = new HashSet<>();
            for (ApiItem it : items) {
                if (it.getTimestamp() >= ws && it.getTimestamp() < ws + W) {
                    touched.add(it.getSrc().getIp());
                    touched.add(it.getDst().getIp());
                }
            }
            for (PodInfo p : pods) {
                if (!p.hostNetwork()
                        && p.startMillis() <= ws
                        && p.endMillis() >= ws + W
                        && !touched.contains(p.ips().get(0))) {
                    out.add(w + " " + p.key());
                }
            }
        }
        return out;
    }

    private ReportOptions options() {
        return ReportOptions.builder(EnumSet.of(Report.IDLE_PODS))
                .window(Duration.ofMillis(W))
                .inventory(PodInventory.of(pods))
                .build();
    }

    @Test
    void reportsExactlyThePodsWithoutTrafficInEachWindow() throws Exception {
        generate();
        List<ReportRecord> records = ReportRuns.run(items, options());
        Set<String> got =
                records.stream()
                        .filter(r -> r.getKeyKind().equals("pod"))
                        .map(r -> (r.getWindowStart() - T0) / W + " " + r.getKey())
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> want = expected();
        assertThat(got).isEqualTo(want);
        // Every injected idle pod that lived through its window is among them; nothing else is.
        Set<String> injectedThroughout = new TreeSet<>();
        for (String s : injected) {
            int w = Integer.parseInt(s.substring(0, s.indexOf(' ')));
            PodInfo p = pods.stream().filter(x -> s.endsWith(" " + x.key())).findFirst().get();
            if (!p.hostNetwork() && p.aliveThroughout(T0 + w * W, T0 + (w + 1) * W)) {
                injectedThroughout.add(s);
            }
        }
        assertThat(want).containsAll(injectedThroughout);
        assertThat(injectedThroughout).hasSizeGreaterThan(20);
        assertThat(records.stream().filter(r -> r.getKeyKind().equals("summary"))).hasSize(WINDOWS);
    }

    @Test
    void aReplayGivesTheSameReports() throws Exception {
        generate();
        ReportOptions all =
                ReportOptions.builder(Report.parse("all", true, false))
                        .window(Duration.ofMillis(W))
                        .minCount(5)
                        .inventory(PodInventory.of(pods))
                        .build();
        List<String> first =
                ReportRuns.run(items, all).stream()
                        .map(ReportRecords::format)
                        .collect(Collectors.toList());
        List<String> second =
                ReportRuns.run(items, all).stream()
                        .map(ReportRecords::format)
                        .collect(Collectors.toList());
        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(first)
                .anyMatch(l -> l.startsWith("[top-talkers]"))
                .anyMatch(l -> l.startsWith("[idle-pods]"));
    }
}

package io.netinsights.jobs.reports;

import io.netinsights.policy.PodInventory;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.ReportRecord;
import io.netinsights.schemas.json.ItemJson;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.http;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: traffic between the pods of {@code reports/pods.yaml} and outside addresses, with the
 * candidate policies of {@code reports/policies.yaml}; the policy-impact report must list exactly
 * the flows that would be denied, per policy and per workload, with their counts.
 */
class PolicyImpactReportITCase {
    @RegisterExtension static final MiniClusterExtension MINI = ReportRuns.miniCluster();

    private static final String WEB_A = "10.244.1.10";
    private static final String WEB_B = "10.244.1.11";
    private static final String API = "10.244.2.10";
    private static final String DB = "10.244.3.10";
    private static final String REPORT = "10.244.4.10";
    private static final String DNS = "10.244.0.2";

    /** One kind of traffic and, written from the policies by hand, what would deny it. */
    record Traffic(
            String src, String dst, int port, boolean udp, String flow, List<String> denials) {}

    private static final List<Traffic> TRAFFIC =
            List.of(
                    t(
                            WEB_A,
                            API,
                            8080,
                            "shop/web-7c9d8f6b5-aaaaa -> shop/api-5f6d7c8b9-ccccc:8080/tcp"),
                    t(API, DB, 5432, "shop/api-5f6d7c8b9-ccccc -> shop/db-0:5432/tcp"),
                    t(
                            "198.51.100.7",
                            WEB_B,
                            8080,
                            "198.51.100.7 -> shop/web-7c9d8f6b5-bbbbb:8080/tcp"),
                    new Traffic(
                            API,
                            DNS,
                            53,
                            true,
                            "shop/api-5f6d7c8b9-ccccc -> kube-system/coredns-6d4b75cb6d-eeeee:53/udp",
                            List.of()),
                    t(
                            WEB_A,
                            DB,
                            5432,
                            "shop/web-7c9d8f6b5-aaaaa -> shop/db-0:5432/tcp",
                            "ingress shop/db-allow-api shop/StatefulSet/db"),
                    t(
                            WEB_B,
                            DB,
                            5432,
                            "shop/web-7c9d8f6b5-bbbbb -> shop/db-0:5432/tcp",
                            "ingress shop/db-allow-api shop/StatefulSet/db"),
                    t(
                            REPORT,
                            DB,
                            5432,
                            "batch/report-29000000-ddddd -> shop/db-0:5432/tcp",
                            "ingress shop/db-allow-api shop/StatefulSet/db"),
                    t(
                            API,
                            "1.1.1.1",
                            443,
                            "shop/api-5f6d7c8b9-ccccc -> 1.1.1.1:443/tcp",
                            "egress shop/api-egress shop/Deployment/api"),
                    t(
                            REPORT,
                            WEB_A,
                            8080,
                            "batch/report-29000000-ddddd -> shop/web-7c9d8f6b5-aaaaa:8080/tcp",
                            "ingress shop/web-allow-external shop/Deployment/web"),
                    t(
                            WEB_A,
                            API,
                            9090,
                            "shop/web-7c9d8f6b5-aaaaa -> shop/api-5f6d7c8b9-ccccc:9090/tcp",
                            "ingress shop/api-allow-web shop/Deployment/api"),
                    t(
                            API,
                            WEB_B,
                            8080,
                            "shop/api-5f6d7c8b9-ccccc -> shop/web-7c9d8f6b5-bbbbb:8080/tcp",
                            "egress shop/api-egress shop/Deployment/api",
                            "ingress shop/web-allow-external shop/Deployment/web"));

    private static Traffic t(String src, String dst, int port, String flow, String... denials) {
        return new Traffic(src, dst, port, false, flow, List.of(denials));
    }

    @Test
    void listsExactlyTheFlowsThatWouldBeDenied() throws Exception {
        Random random = new Random(3);
        List<ApiItem> items = new ArrayList<>();
        // Expected, per "kind|key": flow + direction -> count.
        Map<String, Map<String, Long>> want = new TreeMap<>();
        Map<String, Set<String>> idsByFlow = new HashMap<>();
        int n = 0;
        for (Traffic tr : TRAFFIC) {
            int count = 1 + random.nextInt(9);
            for (int i = 0; i < count; i++) {
                String id = "i" + n++;
                ApiItem item =
                        http(
                                id,
                                T0 + random.nextInt(600_000),
                                tr.src(),
                                tr.dst(),
                                tr.port(),
                                "svc",
                                "GET",
                                "/",
                                200,
                                1);
                if (tr.udp()) {
                    item.setProtocol(
                            Protocol.newBuilder()
                                    .setName("dns")
                                    .setAbbr("DNS")
                                    .setLayer4("udp")
                                    .build());
                }
                items.add(item);
                idsByFlow.computeIfAbsent(tr.flow(), k -> new HashSet<>()).add(id);
            }
            for (String denial : tr.denials()) {
                String[] d = denial.split(" ");
                want.computeIfAbsent("policy|" + d[1], k -> new TreeMap<>())
                        .merge(d[0] + " " + tr.flow(), (long) count, Long::sum);
                want.computeIfAbsent("workload|" + d[2], k -> new TreeMap<>())
                        .merge(d[0] + " " + tr.flow(), (long) count, Long::sum);
            }
        }
        items.sort((a, b) -> Long.compare(a.getTimestamp(), b.getTimestamp()));
        ReportOptions options =
                ReportOptions.builder(EnumSet.of(Report.POLICY_IMPACT))
                        .window(Duration.ofHours(1))
                        .inventory(
                                PodInventory.fromFile(
                                        Path.of("src/test/resources/reports/pods.yaml")))
                        .policiesYaml(
                                Files.readString(
                                        Path.of("src/test/resources/reports/policies.yaml")))
                        .build();

        List<ReportRecord> records = ReportRuns.run(items, options);

        Map<String, Map<String, Long>> got = new TreeMap<>();
        for (ReportRecord r : records) {
            assertThat(r.getReport()).isEqualTo("policy-impact");
            assertThat(r.getWindowStart()).isEqualTo(T0);
            Map<String, Long> flows = new TreeMap<>();
            long total = 0;
            for (Object o : (List<?>) ItemJson.parseObject(r.getDetails()).get("flows")) {
                Map<?, ?> f = (Map<?, ?>) o;
                long count = ((Number) f.get("count")).longValue();
                flows.put(f.get("direction") + " " + f.get("flow"), count);
                total += count;
                List<?> examples = (List<?>) f.get("examples");
                assertThat(examples).hasSizeBetween(1, 3);
                assertThat(idsByFlow.get((String) f.get("flow")))
                        .containsAll(examples.stream().map(String::valueOf).toList());
            }
            assertThat(r.getMetrics().get("deniedItems")).isEqualTo((double) total);
            got.put(r.getKeyKind() + "|" + r.getKey(), flows);
        }
        assertThat(got).isEqualTo(want);
        assertThat(want.keySet())
                .containsExactly(
                        "policy|shop/api-allow-web",
                        "policy|shop/api-egress",
                        "policy|shop/db-allow-api",
                        "policy|shop/web-allow-external",
                        "workload|shop/Deployment/api",
                        "workload|shop/Deployment/web",
                        "workload|shop/StatefulSet/db");
    }
}

package io.netinsights.cli;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report} end to end on an items file with pods and candidate policies, on the bundled
 * capture, and its error paths. Runs the command on its own (as {@code Main} would once it is
 * registered there).
 */
class ReportCommandTest {
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final String PODS = "src/test/resources/reports/pods.yaml";
    static final String POLICIES = "src/test/resources/reports/policies.yaml";

    @TempDir Path tmp;

    static CliResult report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ReportCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler(
                (ex, c, parsed) -> {
                    c.getErr().println("netinsights: " + Errors.oneLine(ex));
                    return Main.EXIT_ERROR;
                });
        int code = cmd.execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    private Path items() throws Exception {
        Path file = tmp.resolve("items.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 30; i++) {
                // web -> db is denied by db-allow-api; api -> db is allowed.
                boolean denied = i % 3 == 0;
                w.write(
                        ItemJson.toJson(
                                item(
                                        "i" + i,
                                        T0 + i * 1_000L,
                                        denied ? "10.244.1.10" : "10.244.2.10",
                                        "10.244.3.10",
                                        "5432")));
                w.newLine();
            }
            w.write(
                    ItemJson.toJson(
                            item("late", T0 - 600_000, "10.244.2.10", "10.244.3.10", "5432")));
            w.newLine();
        }
        return file;
    }

    @Test
    void policyImpactAndTopTalkersFromAnItemsFile() throws Exception {
        CliResult r =
                report(
                        "policy,top",
                        "--items",
                        items().toString(),
                        "--pods",
                        PODS,
                        "--policies",
                        POLICIES,
                        "--window",
                        "1h");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "[policy-impact] 2026-01-01T00:00:00Z..2026-01-01T01:00:00Z policy"
                                                        + " shop/db-allow-api deniedFlows=1 deniedItems=10 {\"flows\":"
                                                        + "[{\"flow\":\"shop/web-7c9d8f6b5-aaaaa -> shop/db-0:5432/tcp\""));
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "[policy-impact] 2026-01-01T00:00:00Z..2026-01-01T01:00:00Z workload"
                                                        + " shop/StatefulSet/db deniedFlows=1 deniedItems=10"));
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains("[top-talkers]")
                                        .contains(
                                                "talker 10.244.2.10 -> 10.244.3.10 #1 bytes=40 items=20"));
        assertThat(r.err()).contains("! 1 items came after their window was reported");
    }

    @Test
    void theBundledCaptureGivesRepeatableReports() {
        CliResult first =
                report(
                        "top-talkers",
                        "--pcap",
                        "../data/captures/sample.pcap",
                        "--window",
                        "1h",
                        "--top",
                        "3");
        CliResult second =
                report(
                        "top-talkers",
                        "--pcap",
                        "../data/captures/sample.pcap",
                        "--window",
                        "1h",
                        "--top",
                        "3");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(second.out());
        assertThat(first.outLines())
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("[top-talkers] "));
    }

    @Test
    void errorsSayWhatToFix() throws Exception {
        Path file = items();
        assertThat(report("nope", "--items", file.toString()).err())
                .contains("unknown report 'nope'");
        assertThat(report("idle", "--items", file.toString()).err())
                .contains("needs the pods that exist (--pods FILE)");
        assertThat(report("policy", "--items", file.toString()).err())
                .contains("needs candidate policies (--policies FILE)");
        assertThat(report("top", "--items", file.toString(), "--window", "1 minute").err())
                .contains("--window must be a number and a unit");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(
                bad,
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                        + "metadata: {name: x, namespace: a}\nspec: {podSelector: {}, ingress: [{from:"
                        + " [{ipBlock: {cidr: 10.0.0.0/40}}]}]}\n");
        CliResult r = report("policy", "--items", file.toString(), "--policies", bad.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains("policy a/x: spec.ingress[0].from[0].ipBlock.cidr");
    }

    private static ApiItem item(String id, long ts, String src, String dst, String port) {
        return ApiItem.newBuilder()
                .setId(id)
                .setNode(new NodeInfo("", "node-1"))
                .setTimestamp(ts)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("postgres")
                                .setAbbr("PG")
                                .setLayer4("tcp")
                                .build())
                .setSrc(Endpoint.newBuilder().setIp(src).setPort("40000").build())
                .setDst(Endpoint.newBuilder().setIp(dst).setPort(port).build())
                .setRequestSize(1)
                .setResponseSize(1)
                .build();
    }
}

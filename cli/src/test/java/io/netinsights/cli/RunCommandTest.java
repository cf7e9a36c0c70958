package io.netinsights.cli;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} end to end: the bundled capture, a large items file, and its error paths. */
class RunCommandTest {
    static final String TOP_DNS = "../examples/top-dns-consumers.js";
    static final String SAMPLE = "../data/captures/sample.pcap";
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir Path tmp;

    @Test
    void topDnsOnTheBundledCaptureIsPrintedByTheHubAndIsRepeatable() {
        CliResult first = CliResult.run("run", TOP_DNS, "--pcap", SAMPLE);
        CliResult second = CliResult.run("run", TOP_DNS, "--pcap", SAMPLE);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(second.out());
        List<String> lines = first.outLines();
        int last = lines.lastIndexOf("[hub] Top 5 DNS consumers (cluster-wide):");
        assertThat(last).as(first.out()).isGreaterThanOrEqualTo(0);
        // Reference counts from tshark (data/captures/README.md).
        assertThat(lines.get(last + 1)).isEqualTo("[hub] 1. 192.168.170.8: 11 queries");
        assertThat(lines.get(last + 2)).isEqualTo("[hub] 2. 10.16.1.11: 5 queries");
        assertThat(lines.get(last + 3)).isEqualTo("[hub] 3. 172.18.34.76: 3 queries");
    }

    @Test
    void aHundredThousandItemsGiveTheCountsComputedHere() throws Exception {
        Path items = tmp.resolve("items.jsonl");
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        try (BufferedWriter w = Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100_000; i++) {
                String client = "pod-" + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 50);
                boolean dns = i % 5 != 0;
                if (dns) {
                    expected.merge(client, 1, Integer::sum);
                }
                w.write(ItemJson.toJson(item(i, "node-" + (i % 3), client, dns)));
                w.newLine();
            }
            w.write("this line is not an item\n");
        }
        CliResult r =
                CliResult.run("run", TOP_DNS, "--items", items.toString(), "--parallelism", "2");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> want =
                expected.entrySet().stream()
                        .sorted(
                                Comparator.<Map.Entry<String, Integer>>comparingInt(
                                                e -> -e.getValue())
                                        .thenComparing(Map.Entry::getKey))
                        .limit(5)
                        .map(e -> e.getKey() + ": " + e.getValue() + " queries")
                        .collect(Collectors.toList());
        List<String> lines = r.outLines();
        int last = lines.lastIndexOf("[hub] Top 5 DNS consumers (cluster-wide):");
        assertThat(last).as(r.out()).isGreaterThanOrEqualTo(0);
        List<String> got =
                lines.subList(last + 1, last + 6).stream()
                        .map(s -> s.replaceFirst("^\\[hub\\] \\d+\\. ", ""))
                        .collect(Collectors.toList());
        assertThat(got).isEqualTo(want);
    }

    @Test
    void errorsHaveOneLineReasonsAndExitCodes() throws Exception {
        CliResult missing = CliResult.run("run", "nope.js", "--pcap", SAMPLE);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("netinsights: script not found: nope.js");

        Path bad = tmp.resolve("bad.js");
        Files.writeString(bad, "// bad\nfunction onItemCaptured(d) {\n  var x = ;\n}\n");
        CliResult syntax = CliResult.run("run", bad.toString(), "--pcap", SAMPLE);
        assertThat(syntax.code()).isEqualTo(1);
        assertThat(syntax.err()).contains("bad.js:3:").doesNotContain("\tat ");

        Path notPcap = tmp.resolve("x.pcap");
        Files.writeString(notPcap, "hello");
        CliResult capture = CliResult.run("run", TOP_DNS, "--pcap", notPcap.toString());
        assertThat(capture.code()).isEqualTo(1);
        assertThat(capture.err()).contains("not a pcap or pcapng capture");

        CliResult usage = CliResult.run("run", TOP_DNS);
        assertThat(usage.code()).isEqualTo(2);
        CliResult both = CliResult.run("run", TOP_DNS, "--pcap", SAMPLE, "--items", "x.jsonl");
        assertThat(both.code()).isEqualTo(2);
    }

    @Test
    void validateReportsLineAndColumnAndAcceptsTheExamples() throws Exception {
        for (String example :
                List.of(
                        "top-dns-consumers.js",
                        "http-status-per-service.js",
                        "external-connections.js",
                        "slow-requests.js",
                        "webhook-on-500.js")) {
            CliResult ok = CliResult.run("validate", "../examples/" + example);
            assertThat(ok.code()).as(example + ": " + ok.err()).isZero();
        }
        Path es6 = tmp.resolve("es6.js");
        Files.writeString(es6, "var a = 1;\nlet b = 2;\n");
        CliResult r = CliResult.run("validate", es6.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("es6.js:2:");
    }

    private static ApiItem item(int i, String node, String client, boolean dns) {
        return ApiItem.newBuilder()
                .setId("i" + i)
                .setNode(new NodeInfo("", node))
                .setTimestamp(T0 + i * 7L)
                .setProtocol(Protocol.newBuilder().setName(dns ? "dns" : "http").build())
                .setSrc(Endpoint.newBuilder().setIp("10.0.0.1").setName(client).build())
                .setDst(Endpoint.newBuilder().setIp("10.0.0.2").setName("svc").build())
                .build();
    }
}

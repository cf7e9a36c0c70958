package io.netinsights.cli;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --policies --pods}: the {@code policy} helper judges each item's flow against
 * candidate NetworkPolicies, resolving IPs to pods; without policies or with a bad file the script
 * or the command says why.
 */
class RunPolicyHelperTest {
    private static final String PODS =
            String.join(
                    "\n",
                    "apiVersion: v1",
                    "kind: List",
                    "items:",
                    "- {apiVersion: v1, kind: Namespace, metadata: {name: shop, labels: {env: prod}}}",
                    pod("web-1", "web", "10.244.1.5", ""),
                    pod("worker-1", "worker", "10.244.1.6", ""),
                    pod(
                            "db-0",
                            "db",
                            "10.244.2.7",
                            ", ports: [{name: postgres, containerPort: 5432}]"),
                    "");
    private static final String POLICIES =
            String.join(
                    "\n",
                    "apiVersion: networking.k8s.io/v1",
                    "kind: NetworkPolicy",
                    "metadata: {name: db-from-web, namespace: shop}",
                    "spec:",
                    "  podSelector: {matchLabels: {app: db}}",
                    "  ingress:",
                    "  - from: [{podSelector: {matchLabels: {app: web}}}]",
                    "    ports: [{port: postgres}]",
                    "");
    private static final String SCRIPT =
            String.join(
                    "\n",
                    "var n = {};",
                    "function onItemCaptured(d) {",
                    "  var k = d.src.ip + (policy.allowed(d) ? ' allowed' : ' denied');",
                    "  n[k] = (n[k] || 0) + 1;",
                    "}",
                    "jobs.schedule('show', '*/10 * * * * *', function () {",
                    "  console.log(policy.list().join(',') + ' ' + JSON.stringify(n));",
                    "});",
                    "");

    @TempDir Path tmp;
    private Path items;
    private Path script;

    private static String pod(String name, String app, String ip, String ports) {
        return "- {apiVersion: v1, kind: Pod, metadata: {name: "
                + name
                + ", namespace: shop, labels: {app: "
                + app
                + "}}, spec: {nodeName: node-1, containers: [{name: c"
                + ports
                + "}]}, status: {phase: Running, podIP: "
                + ip
                + ", startTime: '2026-01-01T00:00:00Z'}}";
    }

    @BeforeEach
    void files() throws Exception {
        items = tmp.resolve("items.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 50; i++) {
                String src = i % 5 < 3 ? "10.244.1.5" : "10.244.1.6";
                w.write(ItemJson.toJson(item(i, src)));
                w.newLine();
            }
        }
        script = tmp.resolve("cut.js");
        Files.writeString(script, SCRIPT);
    }

    @Test
    void eachItemIsJudgedAgainstThePolicies() throws Exception {
        Path policies = tmp.resolve("policies.yaml");
        Files.writeString(policies, POLICIES);
        Path pods = tmp.resolve("pods.yaml");
        Files.writeString(pods, PODS);
        CliResult r =
                CliResult.run(
                        "run",
                        script.toString(),
                        "--items",
                        items.toString(),
                        "--policies",
                        policies.toString(),
                        "--pods",
                        pods.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> worker = r.outLines().stream().filter(l -> l.startsWith("[node-1] ")).toList();
        assertThat(worker).as(r.out()).isNotEmpty();
        assertThat(worker.get(worker.size() - 1))
                .isEqualTo(
                        "[node-1] shop/db-from-web"
                                + " {\"10.244.1.5 allowed\":30,\"10.244.1.6 denied\":20}");
    }

    @Test
    void withoutPoliciesTheHelperThrowsAndABadFileStopsTheRun() throws Exception {
        CliResult none = CliResult.run("run", script.toString(), "--items", items.toString());
        assertThat(none.err()).contains("policy: no network policies are loaded");

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(
                bad, "kind: NetworkPolicy\nmetadata: {name: x}\nspec: {podSelector: 3}\n");
        CliResult badRun =
                CliResult.run(
                        "run",
                        script.toString(),
                        "--items",
                        items.toString(),
                        "--policies",
                        bad.toString());
        assertThat(badRun.code()).isEqualTo(1);
        assertThat(badRun.err()).startsWith("netinsights: bad --policies or --pods:");

        Path empty = tmp.resolve("empty.yaml");
        Files.writeString(empty, "apiVersion: v1\nkind: List\nitems: []\n");
        CliResult emptyRun =
                CliResult.run(
                        "run",
                        script.toString(),
                        "--items",
                        items.toString(),
                        "--policies",
                        empty.toString());
        assertThat(emptyRun.code()).isEqualTo(1);
        assertThat(emptyRun.err()).contains("no NetworkPolicy objects");
    }

    private static ApiItem item(int i, String src) {
        return ApiItem.newBuilder()
                .setId("p" + i)
                .setNode(new NodeInfo("", "node-1"))
                .setTimestamp(RunCommandTest.T0 + 60_000 + i * 100L)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("postgres")
                                .setAbbr("PG")
                                .setLayer4("tcp")
                                .build())
                .setSrc(Endpoint.newBuilder().setIp(src).setPort("40000").build())
                .setDst(Endpoint.newBuilder().setIp("10.244.2.7").setPort("5432").build())
                .build();
    }
}

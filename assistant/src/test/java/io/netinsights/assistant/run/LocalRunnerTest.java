package io.netinsights.assistant.run;

import io.netinsights.assistant.eval.GeneratedTraffic;
import io.netinsights.assistant.eval.TrafficGenerator;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry-run runner mirrors the script job on a replay: one worker per node, a hub fed by
 * hub.action, jobs at cron times in event time, one last run of every pending job at the end.
 */
class LocalRunnerTest {
    static final GeneratedTraffic TRAFFIC = TrafficGenerator.standard();

    private static RunResult run(String code, List<ApiItem> items, List<String> pods) {
        return new LocalRunner(ScriptConfig.defaults(), Duration.ofSeconds(30))
                .run(new ScriptSource("t.js", code), items, pods);
    }

    @Test
    void workersPerNodeShipToTheHubWhichReportsAtCronTimesAndAtTheEnd() {
        String code =
                """
                // t
                var n = 0;
                var total = 0;
                function onItemCaptured(data) { n++; }
                function ship() { if (utils.nodeName() !== "hub") { hub.action("n", { n: n, node: utils.nodeName() }); n = 0; } }
                function onHubAction(a, o) { total += o.n; }
                function report() { if (utils.nodeName() === "hub") { console.log("total " + total); } }
                jobs.schedule("ship", "0 * * * * *", ship);
                jobs.schedule("report", "0 * * * * *", report);
                """;
        RunResult r = run(code, TRAFFIC.items(), List.of());
        assertThat(r.ok()).as(r.problems()).isTrue();
        assertThat(r.itemsProcessed()).isEqualTo(TRAFFIC.items().size());
        // 10 minutes of traffic: reports at 10:01 ... 10:09 while items come. At the end, as in
        // the job, the hub first catches up with the workers' last shipment (10:10), then each
        // pending job runs once more (10:11).
        assertThat(r.logLines()).hasSize(11).allMatch(l -> l.startsWith("[hub] total "));
        assertThat(r.finalReport()).containsExactly("total " + TRAFFIC.items().size());
        assertThat(r.console().get(0).getTimestamp())
                .isEqualTo(io.netinsights.assistant.eval.World.T0.toEpochMilli() + 60_000);
        assertThat(
                        new LocalRunner(ScriptConfig.defaults(), Duration.ofSeconds(1))
                                .split(TRAFFIC.items()))
                .containsOnlyKeys("node-a", "node-b", "node-c");
    }

    @Test
    void podEventsReachTheHubAsAdded() {
        String code =
                """
                // pods
                var seen = [];
                function onPodEvent(event, pod) { if (utils.nodeName() === "hub") { seen.push(event + " " + pod.metadata.name); } }
                function report() { if (utils.nodeName() === "hub") { console.log(seen.join(",")); } }
                jobs.schedule("r", "0 0 * * * *", report);
                """;
        List<String> pods =
                PodList.parse(
                        """
                apiVersion: v1
                kind: List
                items:
                - metadata: {name: a, namespace: x}
                  status: {phase: Running}
                - metadata: {name: b, namespace: y}
                """);
        RunResult r = run(code, TRAFFIC.items().subList(0, 5), pods);
        assertThat(r.finalReport()).containsExactly("ADDED a,ADDED b");
    }

    @Test
    void failuresLoadErrorsAndTheBudgetAreReported() {
        RunResult bad =
                run(
                        "// x\nfunction onItemCaptured(d) { throw new Error('boom'); }",
                        TRAFFIC.items().subList(0, 3),
                        List.of());
        assertThat(bad.ok()).isFalse();
        assertThat(bad.failures()).hasSize(3);
        assertThat(bad.problems()).contains("boom");
        RunResult syntax = run("// x\nvar = ;", TRAFFIC.items().subList(0, 3), List.of());
        assertThat(syntax.loadError()).contains("t.js:2");
        RunResult slow =
                new LocalRunner(ScriptConfig.defaults(), Duration.ofMillis(200))
                        .run(
                                new ScriptSource(
                                        "s.js",
                                        "// s\nfunction onItemCaptured(d) { var t = Date.now(); while (Date.now() - t < 50) {} }"),
                                TRAFFIC.items(),
                                List.of());
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.itemsProcessed()).isLessThan(TRAFFIC.items().size());
    }
}

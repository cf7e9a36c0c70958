package io.netinsights.js;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.testing.TestItems;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.netinsights.schemas.testing.TestItems.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The script runtime: hooks, helpers, items as JS objects, failures, budget, state. */
class ScriptInstanceTest {

    private final TestingEmitter out = new TestingEmitter();

    private ScriptInstance start(String code) throws ScriptLoadException {
        return start(code, ScriptConfig.defaults());
    }

    private ScriptInstance start(String code, ScriptConfig config) throws ScriptLoadException {
        return ScriptInstance.start(new ScriptSource("t.js", code), "node-1", config, out, T0);
    }

    @Test
    void countsItemsInGlobalsAndReportsFromHook() throws Exception {
        try (ScriptInstance s =
                start(
                        "var n = 0; var byName = {};\n"
                                + "function onItemCaptured(d) { n++; byName[d.src.name] ="
                                + " (byName[d.src.name] || 0) + 1;\n"
                                + "  if (n == 3) console.log(utils.nodeName(), n, byName); }")) {
            s.onItemCaptured(TestItems.dns("1", "node-1", "a", "x.com", T0), T0);
            s.onItemCaptured(TestItems.dns("2", "node-1", "b", "x.com", T0), T0);
            s.onItemCaptured(TestItems.dns("3", "node-1", "a", "x.com", T0), T0);
            assertThat(out.logs()).containsExactly("node-1 3 {\"a\":2,\"b\":1}");
        }
    }

    @Test
    void itemsBehaveLikePlainObjects() throws Exception {
        try (ScriptInstance s =
                start(
                        "function onItemCaptured(d) {\n"
                                + "  var copy = JSON.parse(JSON.stringify(d));\n"
                                + "  console.log(copy.request.questions[0].name, copy.dst.port,"
                                + " typeof d.timestamp, d.protocol.ports.length);\n"
                                + "  delete d.response; console.log('response' in d,"
                                + " d.hasOwnProperty('request'), Object.keys(d).length > 10);\n"
                                + "  var ks = []; for (var k in d.dst) { ks.push(k); }"
                                + " console.log(ks.join(','));\n"
                                + "  console.log(d.dst === d.dst, d.missing === undefined,"
                                + " d.request.questions.map(function(q){return q.type;}).join());\n"
                                + "}")) {
            s.onItemCaptured(TestItems.dns("1", "node-1", "a", "example.com", T0), T0);
            assertThat(out.failures).isEmpty();
            assertThat(out.logs())
                    .containsExactly(
                            "example.com 53 number 1",
                            "false true true",
                            "ip,port,name,namespace,pod,service",
                            "true true A");
        }
    }

    @Test
    void jsonStringifyOfAnItemRoundTripsToTheSameItem() throws Exception {
        ApiItem item = TestItems.http("7", "svc", 200, 12, T0);
        try (ScriptInstance s =
                start("function onItemCaptured(d) { console.log(JSON.stringify(d)); }")) {
            s.onItemCaptured(item, T0);
            ApiItem back = io.netinsights.schemas.json.ItemJson.fromJson(out.logs().get(0));
            assertThat(back).isEqualTo(item);
        }
    }

    @Test
    void scriptsCannotReachJavaFilesOrNetwork() throws Exception {
        try (ScriptInstance s =
                start(
                        "function t(f) { try { return String(f()); } catch (e) { return 'denied'; } }\n"
                                + "console.log(typeof Java, typeof Polyglot, typeof load,"
                                + " typeof print, typeof require, typeof Graal);\n"
                                + "console.log(t(function(){ return Java.type('java.io.File'); }),"
                                + " t(function(){ return load('/etc/passwd'); }),"
                                + " t(function(){ return new XMLHttpRequest(); }),"
                                + " t(function(){ return Packages.java.lang.System; }));")) {
            assertThat(out.logs())
                    .containsExactly(
                            "undefined undefined undefined undefined undefined undefined",
                            "denied denied denied denied");
        }
    }

    @Test
    void es6SyntaxIsRejectedWithLineAndColumn() {
        assertThatThrownBy(() -> start("var a = 1;\nlet b = 2;\n"))
                .isInstanceOf(ScriptLoadException.class)
                .hasMessageStartingWith("t.js:2:");
        assertThatThrownBy(() -> start("var f = (x) => x;"))
                .isInstanceOf(ScriptLoadException.class)
                .hasMessageContaining("t.js:1:");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> start("var x = 1;\nfunction onItemCaptured(d) {\n  x = ;\n}"))
                .isInstanceOf(ScriptLoadException.class)
                .hasMessageStartingWith("t.js:3:");
    }

    @Test
    void throwingHookIsReportedWithItemIdAndOthersGoOn() throws Exception {
        try (ScriptInstance s =
                start(
                        "var ok = 0; function onItemCaptured(d) { if (d.id == '2') throw new"
                                + " Error('bad item'); ok++; }\n"
                                + "function report() { console.log('ok', ok); }")) {
            for (int i = 1; i <= 3; i++) {
                s.onItemCaptured(TestItems.dns(String.valueOf(i), "node-1", "a", "x", T0), T0);
            }
            assertThat(out.failures).hasSize(1);
            assertThat(out.failures.get(0).getItemId()).isEqualTo("2");
            assertThat(out.failures.get(0).getHook()).isEqualTo("onItemCaptured");
            assertThat(out.failures.get(0).getText()).contains("bad item").contains("t.js:1:");
            assertThat(s.stats().failures()).isEqualTo(1);
            assertThat(s.isQuarantined()).isFalse();
        }
    }

    @Test
    void endlessLoopIsCutByTheBudgetAndTheInstanceGoesOn() throws Exception {
        ScriptConfig cfg = ScriptConfig.builder().budgetMillis(100).build();
        try (ScriptInstance s =
                start(
                        "var seen = 0; function onItemCaptured(d) { if (d.id == 'loop') {"
                                + " while (true) {} } seen++; console.log('seen', seen); }",
                        cfg)) {
            s.onItemCaptured(TestItems.dns("a", "node-1", "a", "x", T0), T0);
            s.onItemCaptured(TestItems.dns("loop", "node-1", "a", "x", T0), T0);
            s.onItemCaptured(TestItems.dns("b", "node-1", "a", "x", T0), T0);
            assertThat(out.logs()).containsExactly("seen 1", "seen 2");
            assertThat(s.stats().timeouts()).isEqualTo(1);
            assertThat(out.failures.get(0).getText()).contains("time budget of 100 ms");
            assertThat(out.failures.get(0).getItemId()).isEqualTo("loop");
        }
    }

    @Test
    void repeatedFailuresQuarantineTheInstance() throws Exception {
        ScriptConfig cfg = ScriptConfig.builder().maxConsecutiveFailures(3).build();
        try (ScriptInstance s = start("function onItemCaptured(d) { null.x; }", cfg)) {
            for (int i = 0; i < 5; i++) {
                s.onItemCaptured(TestItems.dns("i" + i, "node-1", "a", "x", T0), T0);
            }
            assertThat(s.isQuarantined()).isTrue();
            assertThat(s.stats().failures()).isEqualTo(3);
            assertThat(s.stats().skipped()).isEqualTo(2);
            assertThat(out.failures.get(3).getLevel()).isEqualTo(ConsoleLevel.SYSTEM);
            assertThat(out.failures.get(3).getText()).contains("quarantined after 3");
        }
    }

    @Test
    void hubActionsAndVendorCallsBecomeRecords() throws Exception {
        try (ScriptInstance s =
                start(
                        "function onItemCaptured(d) { hub.action('count', {n: 1, who:"
                                + " d.src.name});\n"
                                + " vendor.webhook('POST', 'http://127.0.0.1:9/h', {id: d.id},"
                                + " {'X-A': 'b'});\n"
                                + " vendor.kinesis.put('stream-1', 'payload', 'us-east-1');\n"
                                + " file.write('/tmp/a.txt', 'hello'); file.append('/tmp/a.txt', '!');\n"
                                + " console.log(vendor.s3.put('bkt', '/tmp/a.txt', 'us-east-1'));\n"
                                + " prometheus.metric('items', 'help', 'counter', 1, {a: 'b'}); }")) {
            s.onItemCaptured(TestItems.dns("1", "node-1", "a", "x", T0), T0);
            assertThat(out.actions).hasSize(1);
            assertThat(out.actions.get(0).getObject()).isEqualTo("{\"n\":1,\"who\":\"a\"}");
            assertThat(out.sinks)
                    .extracting(r -> r.getKind())
                    .containsExactly(
                            SinkKind.WEBHOOK, SinkKind.KINESIS, SinkKind.S3, SinkKind.PROMETHEUS);
            assertThat(out.sinks.get(0).getHeaders()).containsEntry("X-A", "b");
            assertThat(StandardCharsets.UTF_8.decode(out.sinks.get(2).getPayload()).toString())
                    .isEqualTo("hello!");
            assertThat(out.logs()).containsExactly("s3://bkt/tmp/a.txt");
            assertThat(out.sinks).extracting(r -> r.getId()).doesNotHaveDuplicates();
        }
    }

    @Test
    void helperErrorsAreCatchableJavaScriptErrors() throws Exception {
        try (ScriptInstance s =
                start(
                        "try { jobs.schedule('j', 'not a cron', function(){}); } catch (e) {"
                                + " console.log('caught', e instanceof Error, e.message); }")) {
            assertThat(out.logs()).hasSize(1);
            assertThat(out.logs().get(0)).startsWith("caught true jobs.schedule: ");
        }
    }

    @Test
    void envKeepsValueTypes() throws Exception {
        ScriptConfig cfg =
                ScriptConfig.builder().env("N", "5").env("S", "abc").env("B", "true").build();
        try (ScriptInstance s = start("console.log(env.N + 1, env.S, env.B === true);", cfg)) {
            assertThat(out.logs()).containsExactly("6 abc true");
        }
    }

    @Test
    void onItemQueriedReplacesTheItem() throws Exception {
        try (ScriptInstance s =
                start(
                        "function onItemQueried(d) { d.response.status = 299; return test.pass(d); }")) {
            ApiItem back = s.onItemQueried(TestItems.http("q", "svc", 200, 5, T0), T0);
            assertThat(back.getPassed()).isTrue();
            assertThat(back.getResponse()).contains("\"status\":299");
        }
    }

    @Test
    void joinMapsAddsCounts() throws Exception {
        try (ScriptInstance s =
                start(
                        "console.log(JSON.stringify(wrapper.joinMaps({a: 1, b: 2}, {b: 3, c: 4})));")) {
            assertThat(out.logs()).containsExactly("{\"a\":1,\"b\":5,\"c\":4}");
        }
    }
}

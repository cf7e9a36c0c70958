package io.netinsights.bench;

import io.netinsights.js.Emitter;
import io.netinsights.js.JsEngineHolder;
import io.netinsights.js.JsMap;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptInstance;
import io.netinsights.js.ScriptLoadException;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.PodRef;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.SinkRequest;
import io.netinsights.schemas.json.ItemJson;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hook path: a captured item reaching a script's {@code onItemCaptured} on one thread, as the
 * worker operator drives it. {@link #fullPath} measures Avro item → map → JS call, {@link
 * #preparedMap} the JS call alone on maps built beforehand, and {@link #readsRequestAndResponse} a
 * hook that also reads the request and response bodies. Run instructions: docs/performance.md.
 *
 * <p>Besides JMH's wall-clock score, each run prints the operations per CPU second of the benchmark
 * thread over the measurement iterations: on a shared 2-core machine that is the figure for "one
 * core", unaffected by the time other processes take the core away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.netinsights.schemas",
            "-Dpolyglot.engine.WarnInterpreterOnly=false"
        })
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
public class HookPathBenchmark {

    /** The counting hook of the brief: one map update per item, keyed by destination name. */
    static final String COUNTING_HOOK =
            "var counts = {};\n"
                    + "function onItemCaptured(d) { var k = d.dst.name;"
                    + " counts[k] = (counts[k] || 0) + 1; }";

    /** A hook that looks into the request and response, like most real scripts do. */
    static final String FIELDS_HOOK =
            "var byStatus = {};\n"
                    + "function onItemCaptured(d) {"
                    + " var k = d.request.method + ' ' + d.response.status;"
                    + " byStatus[k] = (byStatus[k] || 0) + 1; }";

    static final int DISTINCT_DESTINATIONS = 20;
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private ScriptInstance counting;
    private ScriptInstance fields;
    private CountingEmitter emitter;
    private ApiItem[] items;
    private JsMap[] maps;
    private int next;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long ops;
    private boolean measuring;
    private long iterationCpuStart;
    private long iterationWallStart;
    private long measuredOps;
    private long measuredCpuNanos;
    private long measuredWallNanos;

    @Setup(Level.Trial)
    public void setUp() throws ScriptLoadException {
        System.out.println();
        System.out.println("# JS runtime: " + JsEngineHolder.runtimeName());
        emitter = new CountingEmitter();
        counting = start("counting.js", COUNTING_HOOK);
        fields = start("fields.js", FIELDS_HOOK);
        items = new ApiItem[DISTINCT_DESTINATIONS];
        maps = new JsMap[DISTINCT_DESTINATIONS];
        for (int i = 0; i < DISTINCT_DESTINATIONS; i++) {
            items[i] = httpItem(i);
            maps[i] = new JsMap(ItemJson.toMap(items[i]));
        }
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        ops = 0;
        iterationCpuStart = THREADS.getCurrentThreadCpuTime();
        iterationWallStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (measuring) {
            measuredOps += ops;
            measuredCpuNanos += THREADS.getCurrentThreadCpuTime() - iterationCpuStart;
            measuredWallNanos += System.nanoTime() - iterationWallStart;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams benchmark) {
        if (measuredCpuNanos > 0) {
            System.out.printf(
                    "%n# %s: %,.0f ops per CPU second of the benchmark thread"
                            + " (on CPU %.0f%% of the measured wall time)%n",
                    benchmark.getBenchmark(),
                    measuredOps * 1e9 / measuredCpuNanos,
                    100.0 * measuredCpuNanos / measuredWallNanos);
        }
        counting.close();
        fields.close();
        // A hook that threw would have measured the error path, not the hook path.
        if (emitter.lines.get() != 0) {
            throw new IllegalStateException(
                    emitter.lines.get() + " console/failure lines; last: " + emitter.last);
        }
    }

    private ScriptInstance start(String file, String code) throws ScriptLoadException {
        return ScriptInstance.start(
                new ScriptSource(file, code), "bench", ScriptConfig.defaults(), emitter, T0);
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == DISTINCT_DESTINATIONS ? 0 : i + 1;
        return i;
    }

    /** (a) Avro item → ItemJson map → JsMap → onItemCaptured: what the worker pays per item. */
    @Benchmark
    public void fullPath() {
        ops++;
        counting.onItemCaptured(items[nextIndex()], T0);
    }

    /** (b) The same hook on maps converted beforehand: the cost of the JS call alone. */
    @Benchmark
    public void preparedMap() {
        ops++;
        int i = nextIndex();
        counting.onItemCaptured(maps[i], items[i].getId(), T0);
    }

    /** (c) Full path with a hook that reads request.method and response.status. */
    @Benchmark
    public void readsRequestAndResponse() {
        ops++;
        fields.onItemCaptured(items[nextIndex()], T0);
    }

    /**
     * A realistic HTTP/1.1 item: request with headers, query string and path segments, response
     * with headers and a JSON body, pod and service on both ends.
     */
    static ApiItem httpItem(int i) {
        String dst = "svc-" + i;
        String request =
                "{\"method\":\"GET\",\"url\":\"/api/v1/orders?limit=20&page="
                        + i
                        + "\",\"path\":\"/api/v1/orders\",\"pathSegments\":[\"api\",\"v1\",\"orders\"],"
                        + "\"httpVersion\":\"HTTP/1.1\",\"headers\":{\"Host\":\""
                        + dst
                        + ".shop.svc.cluster.local\",\"User-Agent\":\"Go-http-client/1.1\","
                        + "\"Accept\":\"application/json\",\"Accept-Encoding\":\"gzip\","
                        + "\"Authorization\":\"Bearer eyJhbGciOiJIUzI1NiJ9.e30.x\","
                        + "\"X-Request-Id\":\"0f8e6c2a-"
                        + i
                        + "\",\"Traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"},"
                        + "\"queryString\":{\"limit\":\"20\",\"page\":\""
                        + i
                        + "\"},\"cookies\":{},\"bodySize\":0}";
        String response =
                "{\"status\":"
                        + (i % 7 == 0 ? 503 : 200)
                        + ",\"statusText\":\"OK\",\"httpVersion\":\"HTTP/1.1\","
                        + "\"headers\":{\"Content-Type\":\"application/json\","
                        + "\"Content-Length\":\"212\",\"Date\":\"Thu, 01 Jan 2026 00:00:00 GMT\","
                        + "\"Server\":\"envoy\",\"X-Envoy-Upstream-Service-Time\":\"3\"},"
                        + "\"cookies\":{},\"content\":{\"mimeType\":\"application/json\","
                        + "\"size\":212,\"text\":\"{\\\"orders\\\":[{\\\"id\\\":1,\\\"total\\\":12.5}],"
                        + "\\\"next\\\":null}\"},\"bodySize\":212}";
        return ApiItem.newBuilder()
                .setId("item-" + i)
                .setIndex(i)
                .setStream("000000000" + i)
                .setWorker("node-1")
                .setNode(new NodeInfo("10.0.0.1", "node-1"))
                .setTimestamp(T0 + i)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("http")
                                .setVersion("1.1")
                                .setAbbr("HTTP")
                                .setLongName("Hypertext Transfer Protocol -- HTTP/1.1")
                                .setMacro("http")
                                .setLayer4("tcp")
                                .setPorts(List.of("80", "8080"))
                                .build())
                .setSrc(
                        Endpoint.newBuilder()
                                .setIp("10.1.0.5")
                                .setPort("50412")
                                .setName("frontend")
                                .setNamespace("shop")
                                .setPod(
                                        new PodRef(
                                                "frontend-7d9f8b6c5-x2k4p",
                                                "shop",
                                                Map.of("app", "frontend", "tier", "web")))
                                .build())
                .setDst(
                        Endpoint.newBuilder()
                                .setIp("10.1.2." + (10 + i))
                                .setPort("8080")
                                .setName(dst)
                                .setNamespace("shop")
                                .setPod(
                                        new PodRef(
                                                dst + "-5c7b9d-abcde",
                                                "shop",
                                                Map.of("app", dst, "tier", "backend")))
                                .build())
                .setOutgoing(true)
                .setRequest(request)
                .setResponse(response)
                .setRequestSize(412)
                .setResponseSize(398)
                .setElapsedTime(3 + i)
                .build();
    }

    /** Counts what the scripts emit; the hooks under test emit nothing. */
    static final class CountingEmitter implements Emitter {
        final AtomicLong lines = new AtomicLong();
        volatile String last;

        @Override
        public void console(ConsoleLine line) {
            lines.incrementAndGet();
            last = line.getText();
        }

        @Override
        public void hubAction(HubAction action) {}

        @Override
        public void sinkRequest(SinkRequest request) {}
    }
}

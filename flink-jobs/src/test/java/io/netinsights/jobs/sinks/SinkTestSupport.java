package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Fixtures of the sink tests: the MiniCluster, environments, request builders, stream helpers. */
final class SinkTestSupport {
    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private SinkTestSupport() {}

    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** Parallelism 2, no Kryo fallback, checkpoints every 300 ms, restarts allowed. */
    static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        return env;
    }

    /** Fast retries for tests: 50 ms doubling to 400 ms. */
    static SinkOptionsBuilder fastRetries(int attempts) {
        return SinkOptions.builder()
                .maxAttempts(attempts)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(3))
                .maxInFlightRequests(2)
                .maxBufferedRequests(50)
                .maxTimeInBuffer(Duration.ofMillis(50));
    }

    static DataStream<SinkRequest> source(StreamExecutionEnvironment env, List<SinkRequest> rs) {
        return env.fromData(rs, new AvroTypeInfo<>(SinkRequest.class))
                .uid("requests")
                .name("requests");
    }

    static SinkRequest.Builder request(SinkKind kind, String id, String target, String payload) {
        return SinkRequest.newBuilder()
                .setId(id)
                .setScript("test.js")
                .setInstance("node-1")
                .setKind(kind)
                .setTarget(target)
                .setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
                .setTimestamp(T0);
    }

    /** A webhook request whose JSON body carries its id. */
    static SinkRequest webhook(String id, String url) {
        return request(SinkKind.WEBHOOK, id, url, "{\"id\":\"" + id + "\"}")
                .setMethod("POST")
                .build();
    }

    /** Every {@code "id":"…"} in a text. */
    static Set<String> ids(String text) {
        Matcher m = ID.matcher(text);
        Set<String> out = new java.util.HashSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Map<String, String> reasons(List<DeadLetter> letters) {
        Map<String, String> out = new HashMap<>();
        letters.forEach(l -> out.put(l.getKey(), l.getReason()));
        return out;
    }

    static Set<String> keys(List<DeadLetter> letters) {
        return letters.stream().map(DeadLetter::getKey).collect(Collectors.toSet());
    }

    /** Slows a stream down so that an outage can be staged while it flows. */
    static final class Throttle implements MapFunction<SinkRequest, SinkRequest> {
        private static final long serialVersionUID = 1L;
        private final long millis;

        Throttle(long millis) {
            this.millis = millis;
        }

        @Override
        public SinkRequest map(SinkRequest r) throws InterruptedException {
            Thread.sleep(millis);
            return r;
        }
    }

    /** Fails its first task attempt after {@code after} records, to force a restore. */
    static final class FailOnce extends RichMapFunction<SinkRequest, SinkRequest> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger FAILURES = new AtomicInteger();
        private final int after;
        private int seen;

        FailOnce(int after) {
            this.after = after;
        }

        @Override
        public SinkRequest map(SinkRequest r) {
            if (++seen == after && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("staged task failure after " + after + " records");
            }
            return r;
        }
    }
}

package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.netinsights.jobs.sinks.SinkTestSupport.fastRetries;
import static io.netinsights.jobs.sinks.SinkTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 sink against S3Mock on 127.0.0.1: objects and contents, write-once keys whose overwrite S3
 * refuses (412) and the sink dead-letters, a missing bucket, and a server outage mid-stream.
 */
class S3SinkITCase {
    @RegisterExtension static final MiniClusterExtension MINI = SinkTestSupport.miniCluster();

    private static TestingS3Mock s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = TestingS3Mock.shared();
    }

    @Test
    void writeOnceKeysRefuseAnOverwrite() throws Exception {
        Map<String, String> first = new TreeMap<>();
        List<SinkRequest> rs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "once/obj-" + i + ".json";
            first.put(key, "{\"id\":\"w-" + i + "\",\"v\":1}");
            SinkRequest.Builder b = s3("w-" + i, "sink-test", key, first.get(key));
            if (i == 0) {
                b.setAttributes(Map.of("accessKeyId", "AKIDSCRIPT", "secretAccessKey", "s3cr3t"));
            }
            rs.add(b.build());
        }
        rs.add(s3("nobucket-0", "no-such-bucket", "k", "x").build());
        TestingDeadLetterSink dead = new TestingDeadLetterSink();
        run(rs, options(dead, 3).s3WriteOnce(true).build());
        assertThat(s3.objects("sink-test", "once/")).isEqualTo(first);
        assertThat(SinkTestSupport.reasons(dead.letters())).containsOnlyKeys("nobucket-0");
        assertThat(dead.letters().get(0).getReason()).startsWith("AWS 404 NoSuchBucket");

        TestingDeadLetterSink replay = new TestingDeadLetterSink();
        run(rs.subList(0, 20), options(replay, 3).s3WriteOnce(true).build());
        assertThat(replay.letters()).as("a replay of the same content is delivered").isEmpty();

        List<SinkRequest> again = new ArrayList<>();
        for (String key : first.keySet()) {
            again.add(s3("again-" + key, "sink-test", key, "overwritten").build());
        }
        TestingDeadLetterSink refused = new TestingDeadLetterSink();
        run(again, options(refused, 3).s3WriteOnce(true).build());

        assertThat(s3.objects("sink-test", "once/")).isEqualTo(first);
        assertThat(refused.letters())
                .hasSize(20)
                .allSatisfy(
                        l -> {
                            assertThat(l.getSource()).isEqualTo("sink-s3");
                            // A pooled connection that S3 closed after the 412 can cost one more
                            // attempt.
                            assertThat(l.getAttempts()).isBetween(1, 2);
                            assertThat(l.getReason())
                                    .matches(
                                            "write-once: s3://sink-test/once/obj-\\d+\\.json"
                                                    + " already exists with other content,"
                                                    + " overwrite refused"
                                                    + " \\(HTTP 412 PreconditionFailed\\)");
                        });
    }

    @Test
    void theIfNoneMatchAttributeProtectsOnePutWithoutTheOption() throws Exception {
        run(
                List.of(
                        s3("a-0", "sink-test", "attr/kept", "v1").build(),
                        s3("a-1", "sink-test", "attr/replaced", "v1").build()),
                options(new TestingDeadLetterSink(), 3).build());
        TestingDeadLetterSink dead = new TestingDeadLetterSink();
        run(
                List.of(
                        s3("b-0", "sink-test", "attr/kept", "v2")
                                .setAttributes(Map.of("ifNoneMatch", "*"))
                                .build(),
                        s3("b-1", "sink-test", "attr/replaced", "v2").build()),
                options(dead, 3).build());

        assertThat(s3.objects("sink-test", "attr/"))
                .isEqualTo(Map.of("attr/kept", "v1", "attr/replaced", "v2"));
        assertThat(SinkTestSupport.keys(dead.letters())).containsExactly("b-0");
    }

    @Test
    void anOutageInTheMiddleLosesNothing() throws Exception {
        Map<String, String> want = new TreeMap<>();
        List<SinkRequest> rs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "outage/obj-" + i;
            want.put(key, "{\"id\":\"o-" + i + "\"}");
            rs.add(s3("o-" + i, "sink-test", key, want.get(key)).build());
        }
        TestingDeadLetterSink dead = new TestingDeadLetterSink();
        try (TestingTcpProxy network = TestingTcpProxy.to(s3.endpoint())) {
            StreamExecutionEnvironment env = SinkTestSupport.env();
            SinkRouter.attach(
                    SinkTestSupport.source(env, rs)
                            .map(new SinkTestSupport.Throttle(20))
                            .setParallelism(1)
                            .returns(new AvroTypeInfo<>(SinkRequest.class))
                            .uid("throttle")
                            .name("throttle"),
                    options(dead, 150).s3Endpoint(network.endpoint()).build());
            JobClient job = env.executeAsync("s3-outage");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int before;
            while ((before = s3.objects("sink-test", "outage/").size()) < 20) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            // The endpoint goes away with puts in flight; the server restarts behind it.
            network.stop();
            s3.stop();
            s3.restart();
            network.restart();
            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
            assertThat(before).isLessThan(200);
        }

        assertThat(s3.objects("sink-test", "outage/")).isEqualTo(want);
        assertThat(dead.letters()).isEmpty();
    }

    private static void run(List<SinkRequest> rs, SinkOptions options) throws Exception {
        StreamExecutionEnvironment env = SinkTestSupport.env();
        SinkRouter.attach(SinkTestSupport.source(env, rs), options);
        env.execute("s3-sink");
    }

    private static SinkOptionsBuilder options(TestingDeadLetterSink dead, int attempts) {
        return fastRetries(attempts)
                .s3Endpoint(s3.endpoint())
                .awsRegion("us-east-1")
                .awsCredentials("test", "test-secret")
                .deadLetterSink(dead);
    }

    private static SinkRequest.Builder s3(String id, String bucket, String key, String content) {
        return request(SinkKind.S3, id, bucket, content)
                .setKey(key)
                .setMethod("PUT")
                .setContentType("application/json");
    }
}

package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.netinsights.jobs.sinks.SinkTestSupport.fastRetries;
import static io.netinsights.jobs.sinks.SinkTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis sink against kinesalite on 127.0.0.1: records and partition keys, per-record
 * credentials, a missing stream, and a crash of the server in the middle of the stream.
 */
class KinesisSinkITCase {
    @RegisterExtension static final MiniClusterExtension MINI = SinkTestSupport.miniCluster();

    private static TestingKinesalite kinesalite;

    @BeforeAll
    static void startKinesalite() throws Exception {
        kinesalite = TestingKinesalite.start();
    }

    @AfterAll
    static void stopKinesalite() throws Exception {
        if (kinesalite != null) {
            kinesalite.close();
        }
    }

    @Test
    void everyRecordArrivesAndAMissingStreamIsADeadLetter() throws Exception {
        kinesalite.createStream("items", 2);
        List<SinkRequest> rs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            SinkRequest.Builder b = kinesis("k-" + i, "items").setKey("node-" + (i % 3));
            if (i % 10 == 0) {
                // As vendor.kinesis.put(stream, payload, region, keyId, secret) passes them.
                b.setRegion("us-east-1")
                        .setAttributes(
                                Map.of(
                                        "accessKeyId",
                                        "AKIDSCRIPT",
                                        "secretAccessKey",
                                        "script-secret"));
            }
            rs.add(b.build());
        }
        rs.add(kinesis("missing-0", "no-such-stream").build());
        TestingDeadLetterSink dead = new TestingDeadLetterSink();
        StreamExecutionEnvironment env = SinkTestSupport.env();
        SinkRouter.attach(SinkTestSupport.source(env, rs), options(dead, 3));
        env.execute("kinesis-sink");

        assertThat(readIds("items"))
                .containsExactlyInAnyOrderElementsOf(
                        rs.subList(0, 300).stream().map(SinkRequest::getId).toList());
        assertThat(dead.letters())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.getKey()).isEqualTo("missing-0");
                            assertThat(l.getReason())
                                    .startsWith("AWS 400 ResourceNotFoundException");
                        });
    }

    @Test
    void aServerCrashInTheMiddleLosesNothing() throws Exception {
        kinesalite.createStream("outage", 2);
        List<SinkRequest> rs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            rs.add(kinesis("o-" + i, "outage").setKey("node-" + (i % 4)).build());
        }
        TestingDeadLetterSink dead = new TestingDeadLetterSink();
        StreamExecutionEnvironment env = SinkTestSupport.env();
        SinkRouter.attach(
                SinkTestSupport.source(env, rs)
                        .map(new SinkTestSupport.Throttle(5))
                        .setParallelism(1)
                        .returns(new AvroTypeInfo<>(SinkRequest.class))
                        .uid("throttle")
                        .name("throttle"),
                options(dead, 60));
        JobClient job = env.executeAsync("kinesis-outage");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int before;
        while ((before = kinesalite.readAll("outage").size()) < 50) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        kinesalite.kill();
        Thread.sleep(1_000);
        kinesalite.restart();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertThat(before).isLessThan(600);
        Set<String> got = readIds("outage");
        assertThat(got).containsAll(rs.stream().map(SinkRequest::getId).toList());
        assertThat(dead.letters()).isEmpty();
    }

    private static SinkOptions options(TestingDeadLetterSink dead, int attempts) {
        return fastRetries(attempts)
                .kinesisEndpoint(kinesalite.endpoint())
                .awsRegion("us-east-1")
                .awsCredentials("test", "test-secret")
                .deadLetterSink(dead)
                .build();
    }

    private static SinkRequest.Builder kinesis(String id, String stream) {
        return request(SinkKind.KINESIS, id, stream, "{\"id\":\"" + id + "\"}");
    }

    private static Set<String> readIds(String stream) {
        return kinesalite.readAll(stream).stream()
                .flatMap(b -> SinkTestSupport.ids(new String(b, StandardCharsets.UTF_8)).stream())
                .collect(Collectors.toSet());
    }
}

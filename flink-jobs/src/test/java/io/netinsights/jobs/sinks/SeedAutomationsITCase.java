package io.netinsights.jobs.sinks;

import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;
import io.netinsights.js.validate.ScriptValidator;
import io.netinsights.js.validate.ValidationResult;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.DeadLetter;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's two automations, run as scripts through the script job on a MiniCluster into the
 * vendor sinks and local peers: HAR export to Kinesis and to a scanner webhook, and traffic
 * recorded to S3 under write-once keys: a replay stores the same objects again, a run over other
 * traffic for the same nodes and windows is refused every overwrite.
 */
class SeedAutomationsITCase {
    @RegisterExtension static final MiniClusterExtension MINI = SinkTestSupport.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingKinesalite kinesalite;

    @BeforeAll
    static void startPeers() throws Exception {
        kinesalite = TestingKinesalite.start();
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (kinesalite != null) {
            kinesalite.close();
        }
    }

    @Test
    void theExamplesValidateCleanly() throws Exception {
        for (String name : List.of("api-security-export.js", "record-to-immutable-store.js")) {
            ScriptSource s = script(name);
            ValidationResult r = ScriptValidator.validate(s.fileName(), s.code());
            assertThat(r.problems()).as(name).isEmpty();
        }
    }

    @Test
    void apiSecurityExportSendsHarToKinesis() throws Exception {
        kinesalite.createStream("har-export", 1);
        List<ApiItem> items = SeedItems.traffic(120);
        run(
                "api-security-export.js",
                items,
                Map.of("KINESIS_STREAM", "har-export", "AWS_REGION", "us-east-1"),
                SinkTestSupport.fastRetries(5)
                        .kinesisEndpoint(kinesalite.endpoint())
                        .awsCredentials("test", "test-secret")
                        .build());

        List<JsonNode> hars = new ArrayList<>();
        for (byte[] record : kinesalite.readAll("har-export")) {
            hars.add(JSON.readTree(record));
        }
        assertThat(hars).isNotEmpty();
        assertThat(urls(hars)).isEqualTo(SeedItems.httpPaths(items));
    }

    @Test
    void apiSecurityExportSendsHarToAScannerWebhook() throws Exception {
        try (TestingHttpServer scanner = TestingHttpServer.start()) {
            List<ApiItem> items = SeedItems.traffic(80);
            run(
                    "api-security-export.js",
                    items,
                    Map.of("SCANNER_URL", scanner.url() + "/har", "HAR_BATCH", "25"),
                    SinkTestSupport.fastRetries(5).build());

            List<JsonNode> hars = new ArrayList<>();
            for (TestingHttpServer.Received r : scanner.received()) {
                assertThat(r.uri()).isEqualTo("/har");
                hars.add(JSON.readTree(r.body()));
            }
            assertThat(hars)
                    .allSatisfy(
                            h -> assertThat(h.path("log").path("entries").size()).isBetween(1, 25));
            assertThat(urls(hars)).isEqualTo(SeedItems.httpPaths(items));
        }
    }

    @Test
    void recordedTrafficIsWriteOnceInS3() throws Exception {
        TestingS3Mock s3 = TestingS3Mock.shared();
        String prefix = "it-" + UUID.randomUUID();
        List<ApiItem> items = SeedItems.traffic(150);
        Map<String, String> env = Map.of("BUCKET", "traffic-archive", "PREFIX", prefix);
        TestingDeadLetterSink first = new TestingDeadLetterSink();
        run("record-to-immutable-store.js", items, env, s3Options(s3, first));

        Map<String, String> objects = s3.objects("traffic-archive", prefix + "/");
        assertThat(first.letters()).isEmpty();
        assertThat(objects).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, String> o : objects.entrySet()) {
            assertThat(o.getKey())
                    .matches(prefix + "/node-[12]/2026-01-01T00:0\\dZ/part-\\d{5}\\.jsonl");
            for (String line : o.getValue().split("\n")) {
                JsonNode item = JSON.readTree(line);
                assertThat(o.getKey())
                        .contains("/" + item.path("node").path("name").asText() + "/");
                ids.add(item.path("id").asText());
            }
        }
        assertThat(ids).hasSize(items.size());

        TestingDeadLetterSink replay = new TestingDeadLetterSink();
        run("record-to-immutable-store.js", items, env, s3Options(s3, replay));
        assertThat(replay.letters()).as("a replay stores the same objects again").isEmpty();

        TestingDeadLetterSink tampered = new TestingDeadLetterSink();
        run(
                "record-to-immutable-store.js",
                SeedItems.traffic(150, 503),
                env,
                s3Options(s3, tampered));

        assertThat(s3.objects("traffic-archive", prefix + "/")).isEqualTo(objects);
        List<DeadLetter> refused = tampered.letters();
        assertThat(refused)
                .allSatisfy(
                        l ->
                                assertThat(l.getReason())
                                        .startsWith(
                                                "write-once: s3://traffic-archive/" + prefix + "/")
                                        .endsWith(
                                                "already exists with other content, overwrite refused"
                                                        + " (HTTP 412 PreconditionFailed)"));
        // Replays are deterministic (event-time ordered input), so every key comes again.
        assertThat(refused.stream().map(l -> DeadLetters.request(l).getKey()).toList())
                .containsExactlyInAnyOrderElementsOf(objects.keySet());
    }

    private static SinkOptions s3Options(TestingS3Mock s3, TestingDeadLetterSink dead) {
        return SinkTestSupport.fastRetries(5)
                .s3Endpoint(s3.endpoint())
                .awsRegion("us-east-1")
                .awsCredentials("test", "test-secret")
                .s3WriteOnce(true)
                .deadLetterSink(dead)
                .build();
    }

    private static void run(
            String script, List<ApiItem> items, Map<String, String> env, SinkOptions sinks)
            throws Exception {
        ScriptJobOptions options =
                ScriptJobOptions.builder(script(script))
                        .scriptConfig(ScriptConfig.builder().env(env).build())
                        .build();
        StreamExecutionEnvironment flink = SinkTestSupport.env();
        DataStream<ApiItem> source =
                flink.fromData(items, new AvroTypeInfo<>(ApiItem.class))
                        .assignTimestampsAndWatermarks(ScriptJob.watermarks(options));
        SinkRouter.attach(ScriptJob.build(source, options).sinkRequests(), sinks);
        flink.execute(script);
    }

    private static ScriptSource script(String name) throws Exception {
        return ScriptSource.read(Path.of("..", "examples", name));
    }

    /** The request paths of every entry of every HAR document. */
    private static Set<String> urls(List<JsonNode> hars) {
        Set<String> out = new HashSet<>();
        for (JsonNode har : hars) {
            for (JsonNode e : har.path("log").path("entries")) {
                String url = e.path("request").path("url").asText();
                out.add(url.substring(url.indexOf("/api/")));
            }
        }
        return out;
    }
}

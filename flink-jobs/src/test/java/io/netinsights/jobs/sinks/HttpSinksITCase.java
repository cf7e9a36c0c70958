package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.netinsights.jobs.sinks.SinkTestSupport.fastRetries;
import static io.netinsights.jobs.sinks.SinkTestSupport.ids;
import static io.netinsights.jobs.sinks.SinkTestSupport.request;
import static io.netinsights.jobs.sinks.SinkTestSupport.webhook;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP sinks (webhook, Slack, Elasticsearch, InfluxDB, Prometheus) against an HTTP server on
 * 127.0.0.1: request shapes, an outage in the middle of the stream, a task failure, dead letters.
 */
class HttpSinksITCase {
    @RegisterExtension static final MiniClusterExtension MINI = SinkTestSupport.miniCluster();

    private TestingHttpServer server;
    private TestingDeadLetterSink deadLetters;

    @BeforeEach
    void startServer() throws Exception {
        server = TestingHttpServer.start();
        deadLetters = new TestingDeadLetterSink();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void everyHttpKindArrivesInItsShape() throws Exception {
        String url = server.url();
        List<SinkRequest> rs = new ArrayList<>();
        SinkRequest hook = webhook("w-1", url + "/hook");
        hook.setHeaders(Map.of("X-Custom", "a", "Host", "ignored"));
        rs.add(hook);
        rs.add(
                request(
                                SinkKind.SLACK,
                                "s-1",
                                url + "/services/T0/B0/secret",
                                "{\"attachments\":[{\"text\":\"hello\"}]}")
                        .setMethod("POST")
                        .build());
        rs.add(
                request(SinkKind.ELASTIC, "e-1", url + "/", "{\"id\":\"e-1\"}")
                        .setKey("traffic")
                        .setAttributes(
                                Map.of("accessKeyId", "elastic", "secretAccessKey", "changeme"))
                        .build());
        rs.add(
                request(
                                SinkKind.INFLUXDB,
                                "i-1",
                                url,
                                "{\"count\":3,\"ok\":true,\"path\":\"/a b\"}")
                        .setKey("http")
                        .setAttributes(
                                Map.of(
                                        "org",
                                        "my org",
                                        "bucket",
                                        "b",
                                        "measurement",
                                        "http",
                                        "tags",
                                        "{\"node\":\"n 1\"}",
                                        "token",
                                        "t0k"))
                        .build());
        rs.add(
                request(SinkKind.PROMETHEUS, "p-1", "http_requests_total", "5")
                        .setAttributes(
                                Map.of(
                                        "help",
                                        "Requests.",
                                        "type",
                                        "counter",
                                        "labels",
                                        "{\"svc\":\"a\"}"))
                        .build());
        rs.add(
                request(
                                SinkKind.PROMETHEUS,
                                "p-2",
                                "status_codes",
                                "[[\"200\",7],{\"labels\":[\"500\"],\"value\":1}]")
                        .setAttributes(
                                Map.of("help", "", "type", "gauge", "labelNames", "[\"code\"]"))
                        .build());
        SinkOptions options =
                fastRetries(3)
                        .pushgateway(URI.create(url + "/pgw"))
                        .deadLetterSink(deadLetters)
                        .build();

        run(rs, options);

        assertThat(deadLetters.letters()).isEmpty();
        Map<String, TestingHttpServer.Received> byId =
                server.received().stream()
                        .filter(r -> !r.uri().startsWith("/pgw"))
                        .collect(
                                Collectors.toMap(
                                        r -> r.header("X-Netinsights-Request-Id"), r -> r));
        assertThat(byId.get("w-1").uri()).isEqualTo("/hook");
        assertThat(byId.get("w-1").header("X-Custom")).isEqualTo("a");
        assertThat(byId.get("w-1").header("Content-Type")).isEqualTo("application/json");
        assertThat(byId.get("s-1").body()).contains("hello");
        assertThat(byId.get("e-1").uri()).isEqualTo("/traffic/_doc");
        assertThat(byId.get("e-1").header("Authorization"))
                .isEqualTo("Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="); // elastic:changeme
        TestingHttpServer.Received influx = byId.get("i-1");
        assertThat(influx.uri()).isEqualTo("/api/v2/write?org=my%20org&bucket=b&precision=ms");
        assertThat(influx.header("Authorization")).isEqualTo("Token t0k");
        assertThat(influx.body())
                .isEqualTo(
                        "http,node=n\\ 1 count=3,ok=true,path=\"/a b\" "
                                + SinkTestSupport.T0
                                + "\n");
        String pushes =
                server.received().stream()
                        .filter(r -> r.uri().startsWith("/pgw"))
                        .peek(
                                r ->
                                        assertThat(r.uri())
                                                .isEqualTo(
                                                        "/pgw/metrics/job/netinsights/script/test.js/instance/node-1"))
                        .map(TestingHttpServer.Received::body)
                        .collect(Collectors.joining());
        assertThat(pushes)
                .contains(
                        "# HELP http_requests_total Requests.\n"
                                + "# TYPE http_requests_total counter\nhttp_requests_total{svc=\"a\"} 5\n");
        assertThat(pushes)
                .contains(
                        "# TYPE status_codes gauge\nstatus_codes{code=\"200\"} 7\n"
                                + "status_codes{code=\"500\"} 1\n");
    }

    @Test
    void anOutageInTheMiddleLosesNothing() throws Exception {
        List<SinkRequest> rs = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            rs.add(webhook("o-" + i, server.url() + "/hook"));
            sent.add("o-" + i);
        }
        SinkOptions options = fastRetries(60).deadLetterSink(deadLetters).build();
        StreamExecutionEnvironment env = SinkTestSupport.env();
        SinkRouter.attach(throttled(env, rs, 5), options);
        JobClient job = env.executeAsync("http-outage");

        awaitReceived(100);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        server.stop();
        int before = server.received().size();
        Thread.sleep(1_500);
        server.restart();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertThat(before).isLessThan(400);
        assertThat(received()).containsAll(sent);
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void aTaskFailureReplaysFromTheLastCheckpoint() throws Exception {
        List<SinkRequest> rs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rs.add(webhook("f-" + i, server.url() + "/hook"));
        }
        StreamExecutionEnvironment env = SinkTestSupport.env();
        int failuresBefore = SinkTestSupport.FailOnce.FAILURES.get();
        DataStream<SinkRequest> flaky =
                throttled(env, rs, 3)
                        .map(new SinkTestSupport.FailOnce(120))
                        .setParallelism(1)
                        .returns(new AvroTypeInfo<>(SinkRequest.class))
                        .uid("fail-once")
                        .name("fail-once");
        SinkRouter.attach(flaky, fastRetries(5).deadLetterSink(deadLetters).build());
        env.execute("http-task-failure");

        assertThat(SinkTestSupport.FailOnce.FAILURES.get()).isGreaterThan(failuresBefore);
        assertThat(received())
                .containsAll(rs.stream().map(SinkRequest::getId).collect(Collectors.toSet()));
    }

    @Test
    void refusedAndUndeliverableRequestsBecomeDeadLetters() throws Exception {
        server.respondWith(
                r -> r.uri().startsWith("/bad") ? 400 : r.uri().startsWith("/down") ? 503 : 200);
        List<SinkRequest> rs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rs.add(webhook("bad-" + i, server.url() + "/bad"));
            rs.add(webhook("down-" + i, server.url() + "/down"));
            rs.add(webhook("ok-" + i, server.url() + "/ok"));
        }
        rs.add(webhook("nourl-0", "ftp://127.0.0.1/x"));
        rs.add(request(SinkKind.PROMETHEUS, "nopgw-0", "m", "1").build()); // no Pushgateway set
        rs.add(request(SinkKind.ELASTIC, "noindex-0", server.url(), "{}").build());
        SinkOptions options = fastRetries(3).deadLetterSink(deadLetters).build();

        run(rs, options);

        List<DeadLetter> letters = deadLetters.letters();
        Map<String, String> reasons = SinkTestSupport.reasons(letters);
        assertThat(reasons).hasSize(13);
        assertThat(reasons.get("bad-0")).startsWith("HTTP 400 from http://127.0.0.1:");
        assertThat(reasons.get("down-0"))
                .startsWith("gave up after 3 attempt(s): HTTP 503 from http://127.0.0.1:");
        assertThat(reasons.get("nourl-0")).isEqualTo("not an http(s) URL: ftp://127.0.0.1");
        assertThat(reasons.get("nopgw-0")).contains("no Pushgateway configured");
        assertThat(reasons.get("noindex-0")).isEqualTo("elastic: index is empty");
        DeadLetter down =
                letters.stream().filter(l -> l.getKey().equals("down-0")).findFirst().orElseThrow();
        assertThat(down.getAttempts()).isEqualTo(3);
        assertThat(down.getSource()).isEqualTo("sink-webhook");
        assertThat(DeadLetters.request(down).getTarget()).endsWith("/down");
        assertThat(received()).containsExactlyInAnyOrder("ok-0", "ok-1", "ok-2", "ok-3", "ok-4");
    }

    private void run(List<SinkRequest> rs, SinkOptions options) throws Exception {
        StreamExecutionEnvironment env = SinkTestSupport.env();
        SinkRouter.attach(SinkTestSupport.source(env, rs), options);
        env.execute("http-sinks");
    }

    private static DataStream<SinkRequest> throttled(
            StreamExecutionEnvironment env, List<SinkRequest> rs, long millis) {
        return SinkTestSupport.source(env, rs)
                .map(new SinkTestSupport.Throttle(millis))
                .setParallelism(1)
                .returns(new AvroTypeInfo<>(SinkRequest.class))
                .uid("throttle")
                .name("throttle");
    }

    private Set<String> received() {
        return server.received().stream()
                .flatMap(r -> ids(r.body()).stream())
                .collect(Collectors.toSet());
    }

    private void awaitReceived(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.received().size() < n) {
            assertThat(System.nanoTime())
                    .as("%s requests received in time", n)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.netinsights.jobs.sinks.SinkTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the sinks keep and hand out: checkpointed entries round-trip, dead letters and log
 * descriptions hold no secrets, options validate and read the environment.
 */
class DeliveryStateTest {
    private static final SinkRequest WITH_SECRETS =
            request(SinkKind.KINESIS, "k-1", "stream", "{\"id\":\"k-1\"}")
                    .setRegion("eu-west-1")
                    .setAttributes(
                            Map.of(
                                    "accessKeyId",
                                    "AKID",
                                    "secretAccessKey",
                                    "s3cr3t",
                                    "token",
                                    "t0k",
                                    "org",
                                    "o"))
                    .build();

    @Test
    void bufferedEntriesRoundTripWithTheirAttempts() throws Exception {
        DeliveryEntrySerializer serializer = new DeliveryEntrySerializer();
        DeliveryEntry entry = new DeliveryEntry(WITH_SECRETS, 3);
        byte[] bytes =
                serializer.serialize(
                        new BufferedRequestState<>(
                                List.of(new RequestEntryWrapper<>(entry, entry.sizeInBytes()))));
        List<RequestEntryWrapper<DeliveryEntry>> back =
                serializer.deserialize(serializer.getVersion(), bytes).getBufferedRequestEntries();
        assertThat(back)
                .singleElement()
                .satisfies(
                        w -> {
                            assertThat(w.getRequestEntry().failedAttempts()).isEqualTo(3);
                            assertThat(w.getRequestEntry().request()).isEqualTo(WITH_SECRETS);
                        });
        assertThat(WITH_SECRETS.getPayload().remaining()).isEqualTo(12);
    }

    @Test
    void deadLettersAndDescriptionsHoldNoSecrets() {
        DeadLetter letter = DeadLetters.of(WITH_SECRETS, "why", 2, 5L);
        SinkRequest inside = DeadLetters.request(letter);
        assertThat(inside.getAttributes())
                .containsOnly(Map.entry("accessKeyId", "AKID"), Map.entry("org", "o"));
        assertThat(new String(letter.getPayload().array(), StandardCharsets.UTF_8))
                .doesNotContain("s3cr3t")
                .doesNotContain("t0k");
        assertThat(letter.getSource()).isEqualTo("sink-kinesis");
        assertThat(new DeliveryEntry(WITH_SECRETS, 0).toString())
                .isEqualTo("DeliveryEntry{id=k-1, kind=KINESIS, target=stream, failedAttempts=0}");
        assertThat(SinkRequests.safeTarget("https://hooks.slack.com/services/T0/B0/XYZ"))
                .isEqualTo("https://hooks.slack.com");
    }

    @Test
    void optionsValidateAndNeverPrintTheSecret() {
        assertThatThrownBy(() -> SinkOptions.builder().maxAttempts(0).build())
                .hasMessage("maxAttempts must be >= 1, got 0");
        assertThatThrownBy(() -> SinkOptions.builder().awsCredentials("id", null).build())
                .hasMessageStartingWith("set both the AWS access key id");
        SinkOptions o =
                SinkEnvironment.builder(
                                Map.of(
                                        "AWS_ACCESS_KEY_ID",
                                        "AKIDENV",
                                        "AWS_SECRET_ACCESS_KEY",
                                        "envsecret",
                                        "AWS_REGION",
                                        "eu-central-1",
                                        "NETINSIGHTS_S3_WRITE_ONCE",
                                        "true",
                                        "NETINSIGHTS_PUSHGATEWAY_URL",
                                        "http://127.0.0.1:9091",
                                        "NETINSIGHTS_S3_ENDPOINT",
                                        "http://127.0.0.1:9090"))
                        .build();
        assertThat(o.awsAccessKeyId()).isEqualTo("AKIDENV");
        assertThat(o.awsRegion()).isEqualTo("eu-central-1");
        assertThat(o.s3WriteOnce()).isTrue();
        assertThat(o.s3ForcePathStyle()).isTrue();
        assertThat(o.pushgateway()).isEqualTo(URI.create("http://127.0.0.1:9091"));
        assertThat(o.toString()).doesNotContain("envsecret").doesNotContain("AKIDENV");
        assertThat(o.deadLetterSink()).isInstanceOf(LoggingDeadLetterSink.class);
        assertThat(o.backoffMillis(1)).isEqualTo(500);
        assertThat(o.backoffMillis(20)).isEqualTo(60_000);
    }
}

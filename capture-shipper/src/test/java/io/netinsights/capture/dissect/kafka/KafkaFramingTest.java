package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka framing limits (kept bytes, impossible sizes) and the choice of flows by content. */
class KafkaFramingTest {

    private static final int CLIENT = 0;
    private static final int BROKER = 1;

    private final TestingParserContext ctx = new TestingParserContext(1024);
    private final KafkaConversation kafka = new KafkaConversation(ctx);

    @Test
    void largeFramesKeepTheirStartAndAreMarkedTruncated() {
        byte[] big = TestingKafkaFrames.recordBatch(1, 400_000);
        send(
                CLIENT,
                TestingKafkaFrames.request(0, 2, 5, "p", false)
                        .int16(1)
                        .int32(100)
                        .array(2, false)
                        .string("first")
                        .array(1, false)
                        .int32(0)
                        .bytes(big, false)
                        .string("second")
                        .array(1, false)
                        .int32(0)
                        .bytes(big, false)
                        .frame());

        assertThat(ctx.messages).hasSize(1);
        assertThat(ctx.json(0)).containsEntry("truncated", true);
        assertThat(first(payload(0), "topicData")).containsEntry("topic", "first");
        assertThat(ctx.messages.get(0).size()).isGreaterThan(800_000);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void anImpossibleFrameSizeStopsTheDirection() {
        send(CLIENT, TestingKafkaFrames.request(18, 0, 1, "c", false).frame());
        send(BROKER, new byte[] {(byte) 0xff, 0, 0, 0, 1, 2, 3});
        send(BROKER, TestingKafkaFrames.response(1, false).int16(0).array(0, false).frame());

        assertThat(ctx.parseErrors).isEqualTo(1);
        assertThat(ctx.messages).hasSize(1);
    }

    @Test
    void scoreByContentAndPort() {
        KafkaDissector d = new KafkaDissector();
        byte[] req = TestingKafkaFrames.request(18, 3, 1, "client-1", true).frame();
        byte[] pgStartup = {0, 0, 0, 23, 0, 3, 0, 0, 'u', 's', 'e', 'r', 0, 'a', 0, 0};
        byte[] text = "hello world, not kafka".getBytes();

        assertThat(d.score(Transport.TCP, 40000, 1234, req, 0, req.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 1234, pgStartup, 0, pgStartup.length))
                .isEqualTo(Dissector.NO_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 9092, text, 0, text.length))
                .isEqualTo(Dissector.PORT_MATCH);
        assertThat(d.score(Transport.TCP, 40000, 1234, text, 0, text.length))
                .isEqualTo(Dissector.NO_MATCH);
    }

    private void send(int direction, byte[] b) {
        kafka.onData(direction, b, 0, b.length, direction == CLIENT ? 1 : 2);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> payload(int message) {
        return (Map<String, Object>) ctx.json(message).get("payload");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> m, String key) {
        return ((List<Map<String, Object>>) m.get(key)).get(0);
    }
}

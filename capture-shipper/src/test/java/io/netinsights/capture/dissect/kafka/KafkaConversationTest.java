package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka headers, bodies and correlation, on frames written field by field. */
class KafkaConversationTest {

    private static final int CLIENT = 0;
    private static final int BROKER = 1;

    private final TestingParserContext ctx = new TestingParserContext(1024);
    private final KafkaConversation kafka = new KafkaConversation(ctx);

    @Test
    void metadataV1RequestAndResponse() {
        send(
                CLIENT,
                TestingKafkaFrames.request(3, 1, 7, "app", false)
                        .array(2, false)
                        .string("orders")
                        .string("users")
                        .frame());
        send(
                BROKER,
                TestingKafkaFrames.response(7, false)
                        .array(1, false)
                        .int32(1)
                        .string("broker-1")
                        .int32(9092)
                        .string(null)
                        .int32(1)
                        .array(1, false)
                        .int16(0)
                        .string("orders")
                        .int8(0)
                        .array(1, false)
                        .int16(0)
                        .int32(0)
                        .int32(1)
                        .array(1, false)
                        .int32(1)
                        .array(1, false)
                        .int32(1)
                        .frame());

        assertThat(ctx.messages).extracting(Message::key).containsExactly(7L, 7L);
        assertThat(ctx.messages.get(0).isAnsweredBy(ctx.messages.get(1))).isTrue();
        assertThat(ctx.json(0))
                .containsEntry("apiKeyName", "Metadata")
                .containsEntry("clientID", "app");
        assertThat(payload(0))
                .containsEntry(
                        "topics", List.of(Map.of("name", "orders"), Map.of("name", "users")));
        assertThat(payload(1))
                .containsEntry("controllerID", 1)
                .containsEntry(
                        "brokers",
                        List.of(
                                mapOf(
                                        "nodeId",
                                        1,
                                        "host",
                                        "broker-1",
                                        "port",
                                        9092,
                                        "rack",
                                        null)));
        assertThat(first(payload(1), "topics"))
                .containsEntry("name", "orders")
                .containsEntry("isInternal", false);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void metadataV12FlexibleWithTaggedFieldsAndAllTopics() {
        send(
                CLIENT,
                TestingKafkaFrames.request(3, 12, 8, "app", true)
                        .array(-1, true)
                        .int8(1)
                        .int8(0)
                        .tags()
                        .frame());
        send(
                BROKER,
                TestingKafkaFrames.response(8, false)
                        .tag(0, 3) // response header v1: a tagged field to skip
                        .int32(0)
                        .array(0, true)
                        .compact("cluster-x")
                        .int32(2)
                        .array(1, true)
                        .int16(3)
                        .compact(null)
                        .uuid(1, 2)
                        .int8(0)
                        .array(0, true)
                        .int32(0)
                        .tags()
                        .tag(5, 2)
                        .frame());

        assertThat(payload(0))
                .containsEntry("topics", null)
                .containsEntry("allowAutoTopicCreation", true);
        assertThat(payload(1)).containsEntry("clusterID", "cluster-x");
        assertThat(first(payload(1), "topics"))
                .containsEntry("errorCode", 3)
                .containsEntry("topicID", "00000000-0000-0001-0000-000000000002");
        assertThat(ctx.json(1)).doesNotContainKeys("truncated", "malformed");
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void produceV3CountsTheRecordsOfItsBatches() {
        byte[] batch = TestingKafkaFrames.recordBatch(3, 80);
        send(
                CLIENT,
                TestingKafkaFrames.request(0, 3, 1, "p", false)
                        .string("tx-1")
                        .int16(-1)
                        .int32(30000)
                        .array(1, false)
                        .string("events")
                        .array(1, false)
                        .int32(4)
                        .bytes(batch, false)
                        .frame());

        assertThat(payload(0))
                .containsEntry("transactionalID", "tx-1")
                .containsEntry("requiredAcks", -1);
        assertThat(first(first(payload(0), "topicData"), "partitions"))
                .containsEntry("index", 4)
                .containsEntry("recordsSize", 80)
                .containsEntry("recordCount", 3);
    }

    @Test
    void produceWithoutAcksIsCompleteAtOnce() {
        send(
                CLIENT,
                TestingKafkaFrames.request(0, 2, 6, "p", false)
                        .int16(0)
                        .int32(100)
                        .array(0, false)
                        .frame());

        assertThat(ctx.messages).hasSize(2);
        assertThat(ctx.messages.get(0).isAnsweredBy(ctx.messages.get(1))).isTrue();
        assertThat(ctx.messages.get(1).json()).isNull();
    }

    @Test
    void apiVersionsAnswerToAnUnsupportedVersionIsVersionZero() {
        send(
                CLIENT,
                TestingKafkaFrames.request(18, 9, 2, "c", true)
                        .compact("x")
                        .compact("1")
                        .tags()
                        .frame());
        send(
                BROKER,
                TestingKafkaFrames.response(2, false)
                        .int16(35)
                        .array(1, false)
                        .int16(18)
                        .int16(0)
                        .int16(3)
                        .frame());

        assertThat(payload(1))
                .containsEntry("errorCode", 35)
                .containsEntry(
                        "apiKeys", List.of(Map.of("apiKey", 18, "minVersion", 0, "maxVersion", 3)));
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void fetchV4ResponseWithoutAbortedTransactions() {
        send(
                CLIENT,
                TestingKafkaFrames.request(1, 4, 9, "c", false)
                        .int32(-1)
                        .int32(500)
                        .int32(1)
                        .int32(1 << 20)
                        .int8(1)
                        .array(1, false)
                        .string("events")
                        .array(1, false)
                        .int32(0)
                        .int64(42)
                        .int32(1 << 20)
                        .frame());
        send(
                BROKER,
                TestingKafkaFrames.response(9, false)
                        .int32(0)
                        .array(1, false)
                        .string("events")
                        .array(1, false)
                        .int32(0)
                        .int16(0)
                        .int64(50)
                        .int64(50)
                        .array(-1, false)
                        .bytes(TestingKafkaFrames.recordBatch(2, 70), false)
                        .frame());

        assertThat(first(first(payload(0), "topics"), "partitions"))
                .containsEntry("fetchOffset", 42)
                .doesNotContainKey("currentLeaderEpoch");
        Map<String, Object> part = first(first(payload(1), "responses"), "partitionResponses");
        assertThat(part)
                .containsEntry("highWatermark", 50)
                .containsEntry("abortedTransactions", List.of())
                .containsEntry("recordCount", 2);
    }

    @Test
    void otherApisGetTheirNameAndAnEmptyPayload() {
        send(CLIENT, TestingKafkaFrames.request(60, 0, 3, "admin", true).int8(0).tags().frame());
        send(CLIENT, TestingKafkaFrames.request(7, 0, 4, null, false).int32(1).frame());
        send(BROKER, TestingKafkaFrames.response(3, true).int32(0).frame());

        assertThat(ctx.json(0)).containsEntry("apiKeyName", "DescribeCluster");
        assertThat(payload(0)).isEmpty();
        assertThat(ctx.json(1))
                .containsEntry("apiKeyName", "ControlledShutdown")
                .containsEntry("clientID", ""); // header v0 has no client id
        assertThat(ctx.json(2)).containsEntry("correlationID", 3);
        assertThat(ctx.parseErrors).isZero();
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

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

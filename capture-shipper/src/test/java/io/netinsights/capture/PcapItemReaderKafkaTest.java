package io.netinsights.capture;

import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Kafka items of the shared captures against tshark 4.0.17: {@code tshark -r F -T fields -e
 * frame.number -e tcp.srcport -e tcp.dstport -e kafka.request_key -e kafka.api_version -e
 * kafka.correlation_id -e kafka.client_id -e kafka.topic_name}, with {@code -d
 * tcp.port==36333,kafka} for the two captures on port 36333, run once and written down here.
 *
 * <p>Disagreements: tshark 4.0 decodes Produce up to v8 and Fetch up to v11 only. Without {@code
 * -d} it takes the Produce v9 capture for SMPP (a heuristic) and the Fetch v12 capture for plain
 * TCP; with {@code -d} it reads their headers but marks the bodies "Unsupported API version",
 * "Malformed", and the responses "Request missing", so it names no topic. The topics below were
 * checked by hand against {@code tshark -r F -qz follow,tcp,hex,0} and Kafka's message definitions
 * (ProduceRequest/FetchRequest JSON, flexible from v9/v12: compact strings, tagged fields).
 */
class PcapItemReaderKafkaTest {

    @Test
    void deepflowProduceV2() {
        // tshark: 1 34128->9092 key 0 v2 corr 1 "console-producer" topic2; 2 9092->34128 corr 1
        // topic2 (partition 0, error 0, offset 0, time -1), throttle 0
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/kafka__00-produce-v2.pcap"));

        assertThat(headers(c)).containsExactly(tuple("Produce", 0, 2, 1, "console-producer"));
        assertThat(produceTopics(c.request(0))).containsExactly("topic2");
        assertThat(c.json(0).get("protocol"))
                .isEqualTo(
                        Map.of(
                                "name", "kafka",
                                "version", "12",
                                "abbr", "KAFKA",
                                "longName", "Apache Kafka",
                                "macro", "kafka",
                                "layer4", "tcp",
                                "ports", List.of("9092")));
        Map<String, Object> part = first(first(c.response(0), "responses"), "partitionResponses");
        assertThat(part)
                .containsEntry("index", 0)
                .containsEntry("errorCode", 0)
                .containsEntry("baseOffset", 0)
                .containsEntry("logAppendTimeMs", -1);
        assertThat(c.response(0)).containsEntry("correlationID", 1);
        assertThat(c.items.get(0).getRequestSize()).isEqualTo(121); // tcp.len
        assertThat(c.items.get(0).getResponseSize()).isEqualTo(50);
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void deepflowProduceV9Flexible() {
        // tshark -d tcp.port==36333,kafka: 1 51704->36333 key 0 v9 corr 47 "console-producer",
        // no topic ("Unsupported Produce version. Supports v0-8."); 2 corr 47 "Request missing".
        // follow,tcp,hex: topic "zqy-test" (compact length 0x09), base offset 35 in the response
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/kafka__00-produce-v9.pcap"));

        assertThat(headers(c)).containsExactly(tuple("Produce", 0, 9, 47, "console-producer"));
        assertThat(produceTopics(c.request(0))).containsExactly("zqy-test");
        Map<String, Object> partition =
                first(first(payload(c.request(0)), "topicData"), "partitions");
        assertThat(partition).containsEntry("recordCount", 1).containsEntry("recordsSize", 99);
        Map<String, Object> part = first(first(c.response(0), "responses"), "partitionResponses");
        assertThat(part).containsEntry("baseOffset", 35).containsEntry("logStartOffset", 16);
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void deepflowFetchV12Flexible() {
        // tshark -d tcp.port==36333,kafka: 1 41972->36333 key 1 v12 corr 15603
        // "consumer-console-consumer-8919-1", no topic ("Supports v0-11"); 2 corr 15603.
        // follow,tcp,hex: topic "zqy-test", partition 0 from offset 36; an empty response.
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/kafka__01-fetch-v12-ok.pcap"));

        assertThat(headers(c))
                .containsExactly(tuple("Fetch", 1, 12, 15603, "consumer-console-consumer-8919-1"));
        List<String> topics = new ArrayList<>();
        for (Map<String, Object> t : list(payload(c.request(0)), "topics")) {
            topics.add((String) t.get("topic"));
        }
        assertThat(topics).containsExactly("zqy-test");
        assertThat(first(first(payload(c.request(0)), "topics"), "partitions"))
                .containsEntry("fetchOffset", 36);
        assertThat(payload(c.response(0)))
                .containsEntry("errorCode", 0)
                .containsEntry("responses", List.of());
        assertThat(c.items.get(0).getElapsedTime()).isEqualTo(500); // the broker waited maxWait
    }

    @Test
    void deepflowApiVersionsV3() {
        // tshark: 1 key 18 v3 corr 2 "adminclient-1", software apache-kafka-java 3.0.0; 2 corr 2,
        // api keys 0..51, 56, 57, 60, 61, 65, 66, 67 (59 keys), error 0
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/kafka__18-api-versions-v3.pcap"));

        assertThat(headers(c)).containsExactly(tuple("ApiVersions", 18, 3, 2, "adminclient-1"));
        assertThat(payload(c.request(0)))
                .containsEntry("clientSoftwareName", "apache-kafka-java")
                .containsEntry("clientSoftwareVersion", "3.0.0");
        List<Object> keys = new ArrayList<>();
        for (Map<String, Object> k : list(payload(c.response(0)), "apiKeys")) {
            keys.add(k.get("apiKey"));
        }
        List<Object> expected = new ArrayList<>();
        for (int k = 0; k <= 51; k++) {
            expected.add(k);
        }
        expected.addAll(List.of(56, 57, 60, 61, 65, 66, 67));
        assertThat(keys).isEqualTo(expected);
        assertThat(payload(c.response(0))).containsEntry("errorCode", 0);
        assertThat(c.stats.parseErrors()).isZero();
    }

    private static List<org.assertj.core.groups.Tuple> headers(Capture c) {
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        for (int i = 0; i < c.items.size(); i++) {
            Map<String, Object> r = c.request(i);
            assertThat(c.response(i)).containsEntry("correlationID", r.get("correlationID"));
            out.add(
                    tuple(
                            r.get("apiKeyName"),
                            r.get("apiKey"),
                            r.get("apiVersion"),
                            r.get("correlationID"),
                            r.get("clientID")));
        }
        return out;
    }

    private static List<String> produceTopics(Map<String, Object> request) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> t : list(payload(request), "topicData")) {
            out.add((String) t.get("topic"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> m) {
        return (Map<String, Object>) m.get("payload");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        Map<String, Object> holder = m.containsKey("payload") ? payload(m) : m;
        return (List<Map<String, Object>>) holder.get(key);
    }

    private static Map<String, Object> first(Map<String, Object> m, String key) {
        return list(m, key).get(0);
    }
}

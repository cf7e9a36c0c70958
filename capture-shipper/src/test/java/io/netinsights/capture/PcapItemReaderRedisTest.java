package io.netinsights.capture;

import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Redis items of the shared captures against tshark 4.0.17, whose RESP dissector gives one line per
 * RESP message with {@code tshark -r F -Y resp -T fields -e frame.number -e tcp.srcport -e
 * _ws.col.Info}, run once and written down here. tshark does not parse inline commands; for those
 * the expectation comes from {@code tshark -r F -qz follow,tcp,ascii,0}.
 */
class PcapItemReaderRedisTest {

    @Test
    void deepflowLrangeOfThreeHundred() {
        // tshark: 4 "Request: LRANGE mylist 0 299" from 47718; 6 "Response: Array(300)"
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/redis__redis-debug.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("LRANGE", "mylist", "[0, 299]", "Array"));
        String value = (String) c.response(0).get("value");
        assertThat(value.split(", ")).hasSize(300).allMatch(s -> s.matches("\\[?xxx]?"));
        assertThat(c.json(0).get("protocol"))
                .isEqualTo(
                        Map.of(
                                "name", "redis",
                                "version", "3.x",
                                "abbr", "REDIS",
                                "longName", "Redis Serialization Protocol",
                                "macro", "redis",
                                "layer4", "tcp",
                                "ports", List.of("6379")));
        assertThat(c.items.get(0).getRequestSize()).isEqualTo(44); // tcp.len of frame 4
        assertThat(c.items.get(0).getResponseSize()).isEqualTo(2706); // follow: 2706 bytes
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void deepflowErrorReply() {
        // tshark: 1 "Request: get abcd"; 2 "Response: Error: NOAUTH Authentication required."
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/redis__redis-error.pcap"));

        assertThat(summaries(c)).containsExactly(tuple("GET", "abcd", null, "Error"));
        // Kubeshark prefixes the error class
        assertThat(c.response(0))
                .containsEntry("value", "DataError: NOAUTH Authentication required.");
    }

    @Test
    void zeekThreeSets() {
        // tshark: 1 "SET test hi", 3 "OK", 5 "SET one:1 2", 7 "OK", 9 "SET two:2 three", 11 "OK"
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/redis__set.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("SET", "test", "hi", "Simple String"),
                        tuple("SET", "one:1", "2", "Simple String"),
                        tuple("SET", "two:2", "three", "Simple String"));
        assertThat(c.response(2)).containsEntry("keyword", "OK").doesNotContainKey("value");
        assertThat(c.stats.unpaired()).isZero();
    }

    @Test
    void zeekInlinePipeliningIsThreeCommands() {
        // tshark: 5 "Request: [fragment] [fragment] [fragment]" (RESP has no inline commands in
        // tshark 4.0), 7 "Response: PONG PONG PONG". follow,tcp,ascii: the client sends 18 bytes,
        // "PING\r\nPING\r\nPING\r\n"; the server 21 bytes, "+PONG\r\n" three times. Three
        // commands, answered in order.
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/redis__pipelining-example.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("PING", null, null, "Simple String"),
                        tuple("PING", null, null, "Simple String"),
                        tuple("PING", null, null, "Simple String"));
        assertThat(c.request(0)).containsEntry("type", "Inline Command");
        assertThat(c.response(0)).containsEntry("keyword", "PONG");
        assertThat(c.items).allSatisfy(i -> assertThat(i.getRequestSize()).isEqualTo(6));
        assertThat(c.items).allSatisfy(i -> assertThat(i.getResponseSize()).isEqualTo(7));
    }

    @Test
    void zeekStreams() {
        // tshark: 1, 5, 9 "XADD race:france * rider <name> speed <s> position <p> location_id 1"
        // answered 3, 7, 11 by ids 1729622832637-0, 1729622836953-0, 1729622840530-0;
        // 13 "XRANGE race:france 1729622770972-0 + COUNT 2" answered 15 "Array(2)"
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/redis__stream.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple(
                                "XADD",
                                "race:france",
                                "[*, rider, Castilla, speed, 30.2, position, 1, location_id, 1]",
                                "Bulk String"),
                        tuple(
                                "XADD",
                                "race:france",
                                "[*, rider, Norem, speed, 28.8, position, 3, location_id, 1]",
                                "Bulk String"),
                        tuple(
                                "XADD",
                                "race:france",
                                "[*, rider, Prickett, speed, 29.7, position, 2, location_id, 1]",
                                "Bulk String"),
                        tuple("XRANGE", "race:france", "[1729622770972-0, +, COUNT, 2]", "Array"));
        assertThat(c.response(0)).containsEntry("value", "1729622832637-0");
        assertThat(c.response(2)).containsEntry("value", "1729622840530-0");
        assertThat((String) c.response(3).get("value"))
                .startsWith("[[1729622770972-0, [rider, Castilla, speed, 30.2")
                .contains("[1729622778221-0, [rider, Norem");
    }

    /** (command, key, value, response type) per item. */
    static List<Tuple> summaries(Capture c) {
        List<Tuple> out = new ArrayList<>();
        for (int i = 0; i < c.items.size(); i++) {
            Map<String, Object> req = c.request(i);
            Map<String, Object> resp = c.response(i);
            out.add(
                    tuple(
                            req.get("command"),
                            req.get("key"),
                            req.get("value"),
                            resp == null ? null : resp.get("type")));
        }
        return out;
    }
}

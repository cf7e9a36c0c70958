package io.netinsights.capture;

import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL items of the shared captures against tshark 4.0.17: {@code tshark -r F -Y pgsql -T
 * fields -e frame.number -e pgsql.type -e pgsql.length -e pgsql.query -e pgsql.tag -e
 * pgsql.severity -e pgsql.code -e pgsql.message} (port 5432 is decoded as pgsql without {@code
 * -d}), run once and written down here. One item is one round trip (a query and the server's
 * messages up to ReadyForQuery), so the tshark message count per file is the sum of the {@code
 * messageCount}s of the request and response.
 */
class PcapItemReaderPostgresTest {

    @Test
    void deepflowSimpleQuery() {
        // tshark: 1 "Simple query" len 23 "delete  from test;"; 2 "Command completion" len 13
        // tag "DELETE 1", "Ready for query" len 5: three messages
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/postgre__simple_query.pcap"));

        assertThat(c.items).hasSize(1);
        assertThat(c.request(0))
                .containsEntry("type", "SimpleQuery")
                .containsEntry("query", "delete  from test;")
                .containsEntry("messages", List.of("Query"));
        assertThat(c.response(0))
                .containsEntry("type", "CommandComplete")
                .containsEntry("command", "DELETE 1")
                .containsEntry("transactionStatus", "idle")
                .containsEntry("messages", List.of("CommandComplete", "ReadyForQuery"))
                .doesNotContainKey("error");
        assertThat(messageCount(c)).isEqualTo(3);
        assertThat(c.json(0).get("protocol"))
                .isEqualTo(
                        Map.of(
                                "name", "postgres",
                                "version", "3.0",
                                "abbr", "PGSQL",
                                "longName", "PostgreSQL",
                                "macro", "postgres",
                                "layer4", "tcp",
                                "ports", List.of("5432")));
        assertThat(c.items.get(0).getRequestSize()).isEqualTo(24); // 1 + 23
        assertThat(c.items.get(0).getResponseSize()).isEqualTo(20); // 1 + 13 + 1 + 5
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void deepflowSyntaxError() {
        // tshark: 1 "Simple query" len 15 "asdsdfdsf;"; 2 "Error" len 97, severity ERROR, code
        // 42601, message 'syntax error at or near "asdsdfdsf"': two messages. The capture ends
        // before ReadyForQuery, so the round trip is completed by the end of the capture.
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/postgre__error.pcap"));

        assertThat(c.items).hasSize(1);
        assertThat(c.request(0)).containsEntry("query", "asdsdfdsf;");
        assertThat(c.response(0))
                .containsEntry("type", "ErrorResponse")
                .containsEntry(
                        "error",
                        Map.of(
                                "severity", "ERROR",
                                "code", "42601",
                                "message", "syntax error at or near \"asdsdfdsf\"",
                                "position", "1"))
                .doesNotContainKey("transactionStatus");
        assertThat(messageCount(c)).isEqualTo(2);
        assertThat(c.items.get(0).getError()).isNull(); // a SQL error is an answer, not a failure
        assertThat(c.stats.unpaired()).isZero();
        assertThat(c.stats.parseErrors()).isZero();
    }

    private static int messageCount(Capture c) {
        int n = 0;
        for (int i = 0; i < c.items.size(); i++) {
            n += (Integer) c.request(i).get("messageCount");
            n += (Integer) c.response(i).get("messageCount");
        }
        return n;
    }
}

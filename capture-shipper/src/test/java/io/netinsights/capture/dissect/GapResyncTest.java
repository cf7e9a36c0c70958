package io.netinsights.capture.dissect;

import io.netinsights.capture.dissect.dns.DnsDissector;
import io.netinsights.capture.dissect.http2.Http2Dissector;
import io.netinsights.capture.dissect.kafka.KafkaDissector;
import io.netinsights.capture.dissect.kafka.TestingKafkaFrames;
import io.netinsights.capture.dissect.postgres.PostgresDissector;
import io.netinsights.capture.testutils.TestingDns;
import io.netinsights.capture.testutils.TestingHttp2;
import io.netinsights.capture.testutils.TestingParserContext;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.netinsights.capture.dissect.postgres.TestingPgMessages.commandComplete;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.dataRow;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.query;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.ready;
import static io.netinsights.capture.dissect.postgres.TestingPgMessages.rowDescription;
import static io.netinsights.capture.testutils.TestingHttp2.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Resynchronisation after a TCP gap in the dissectors that {@code CapturePipelineGapTest} does not
 * drive end to end: PostgreSQL, DNS over TCP, HTTP/2, and Kafka before its first bytes. The gap is
 * reported to the parser as the reassembler would ({@link ConversationParser#onGap}), with the lost
 * bytes left out of the data.
 */
class GapResyncTest {

    private static final int CLIENT = 0;
    private static final int SERVER = 1;

    private final TestingParserContext ctx = new TestingParserContext(4096);

    @Test
    void postgresGapInsideADataRowMarksOnlyThatRoundTrip() {
        ConversationParser pg = new PostgresDissector().newParser(Transport.TCP, ctx);
        byte[] row = dataRow("x".repeat(200));
        roundTrip(pg, "SELECT 1", result("1"));
        send(pg, CLIENT, query("SELECT big"));
        send(pg, SERVER, rowDescription("v"));
        gapThenSend(pg, SERVER, row, 50, 100, concat(commandComplete("SELECT 1"), ready('I')));
        roundTrip(pg, "SELECT 3", result("3"));

        assertThat(ctx.messages).hasSize(6);
        assertThat(ctx.messages)
                .extracting(Message::touchedGap)
                .containsExactly(false, false, false, true, false, false);
        assertThat(ctx.json(2).toString()).contains("SELECT big");
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void postgresGapAcrossMessagesResynchronisesAtAKnownType() {
        ConversationParser pg = new PostgresDissector().newParser(Transport.TCP, ctx);
        roundTrip(pg, "SELECT 1", result("1"));
        send(pg, CLIENT, query("SELECT 2"));
        byte[] rows = concat(rowDescription("v"), dataRow("a"), dataRow("b"), dataRow("c"));
        send(pg, SERVER, Arrays.copyOf(rows, 12));
        // the rest of the description and two rows are lost; the last row comes whole
        byte[] lastRow = dataRow("c");
        int lost = rows.length - lastRow.length - 12;
        pg.onGap(SERVER, lost, 3);
        send(pg, SERVER, concat(lastRow, commandComplete("SELECT 3"), ready('I')));
        roundTrip(pg, "SELECT 3", result("3"));

        assertThat(ctx.messages)
                .extracting(Message::isRequest)
                .containsExactly(true, false, true, false, true, false);
        assertThat(ctx.messages.get(3).touchedGap()).isTrue();
        assertThat(ctx.messages.get(5).touchedGap()).isFalse();
        assertThat(ctx.json(4).toString()).contains("SELECT 3");
    }

    @Test
    void kafkaGapBeforeTheFirstBytesOfADirectionStartsItResynchronising() {
        ConversationParser kafka = new KafkaDissector().newParser(Transport.TCP, ctx);
        byte[] lost = TestingKafkaFrames.response(7, false).int16(0).int32(0).frame();
        byte[] found = TestingKafkaFrames.response(8, false).int16(0).int32(0).frame();
        kafka.onGap(SERVER, 6, 1); // before the parser knows which side is the client
        send(kafka, CLIENT, TestingKafkaFrames.request(18, 0, 7, "c", false).frame());
        send(kafka, CLIENT, TestingKafkaFrames.request(18, 0, 8, "c", false).frame());
        send(kafka, SERVER, concat(Arrays.copyOfRange(lost, 6, lost.length), found));

        assertThat(ctx.messages)
                .extracting(Message::isRequest, Message::key)
                .containsExactly(tuple(true, 7L), tuple(true, 8L), tuple(false, 8L));
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void dnsOverTcpResynchronisesAtAMessageThatParses() {
        ConversationParser dns = new DnsDissector().newParser(Transport.TCP, ctx);
        byte[] a1 = prefixed(TestingDns.answerA(1, "one.example", 60, "10.0.0.1"));
        byte[] a2 = prefixed(TestingDns.answerA(2, "two.example", 60, "10.0.0.2"));
        byte[] a3 = prefixed(TestingDns.answerA(3, "three.example", 60, "10.0.0.3"));
        send(dns, CLIENT, prefixed(TestingDns.query(1, "one.example", 1)));
        send(dns, SERVER, concat(a1, Arrays.copyOf(a2, 10)));
        dns.onGap(SERVER, 20, 3);
        send(dns, SERVER, concat(Arrays.copyOfRange(a2, 30, a2.length), a3));

        assertThat(ctx.messages).extracting(Message::key).containsExactly(1L, 1L, 3L);
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void http2GapInsideADataFrameMarksOnlyThatStream() {
        TestingHttp2 client = new TestingHttp2().preface().settings();
        client.headers(1, true, ":method", "GET", ":path", "/one", ":authority", "h");
        client.headers(3, true, ":method", "GET", ":path", "/three", ":authority", "h");
        TestingHttp2 server = new TestingHttp2().settings();
        server.headers(1, false, ":status", "200");
        int cut = server.bytes().length + 9 + 100; // 100 bytes into the DATA payload
        server.data(1, true, new byte[1000]);
        server.headers(3, false, ":status", "404");
        server.data(3, true, TestingHttp2.ascii("missing"));
        ConversationParser h2 = new Http2Dissector().newParser(Transport.TCP, ctx);
        send(h2, CLIENT, client.bytes());
        gapThenSend(h2, SERVER, server.bytes(), cut, 300, new byte[0]);

        assertThat(ctx.messages).hasSize(4);
        Message one = response(1);
        Message three = response(3);
        assertThat(one.touchedGap()).isTrue();
        assertThat(one.errorType()).isEqualTo("gap");
        assertThat(three.touchedGap()).isFalse();
        assertThat(ctx.parseErrors).isZero();
    }

    @Test
    void http2GapAcrossFramesResynchronisesAtALikelyFrameHeader() {
        TestingHttp2 client = new TestingHttp2().preface().settings();
        client.headers(1, true, ":method", "GET", ":path", "/one", ":authority", "h");
        client.headers(3, true, ":method", "GET", ":path", "/three", ":authority", "h");
        TestingHttp2 server = new TestingHttp2().settings();
        server.headers(1, false, ":status", "200");
        int cut = server.bytes().length + 9 + 10;
        server.data(1, false, new byte[40]);
        server.data(1, true, new byte[40]); // its header is in the gap
        int resume = server.bytes().length;
        server.headers(3, false, ":status", "404");
        server.data(3, true, TestingHttp2.ascii("missing"));
        ConversationParser h2 = new Http2Dissector().newParser(Transport.TCP, ctx);
        send(h2, CLIENT, client.bytes());
        byte[] s = server.bytes();
        send(h2, SERVER, Arrays.copyOf(s, cut));
        h2.onGap(SERVER, resume - 20 - cut, 3);
        send(h2, SERVER, Arrays.copyOfRange(s, resume - 20, s.length));
        h2.onEnd(CLIENT, 4); // stream 1 never saw its END_STREAM: the end flushes it
        h2.onEnd(SERVER, 4);

        Message three = response(3);
        assertThat(three.json()).contains("404").contains("missing");
        // the gap took frame boundaries: it may have taken frames of any open stream
        assertThat(three.touchedGap()).isTrue();
        assertThat(response(1).touchedGap()).isTrue();
        assertThat(ctx.messages.stream().filter(m -> m.key() == 1 && m.isRequest())).hasSize(1);
    }

    private Message response(int stream) {
        return ctx.messages.stream()
                .filter(m -> !m.isRequest() && m.key() == stream)
                .findFirst()
                .orElseThrow();
    }

    private static byte[] result(String value) {
        return concat(rowDescription("v"), dataRow(value), commandComplete("SELECT 1"), ready('I'));
    }

    private static void roundTrip(ConversationParser pg, String sql, byte[] response) {
        send(pg, CLIENT, query(sql));
        send(pg, SERVER, response);
    }

    /** Loses {@code b[from .. from+lost)}, sends the rest of {@code b}, then {@code more}. */
    private static void gapThenSend(
            ConversationParser p, int dir, byte[] b, int from, int lost, byte[] more) {
        send(p, dir, Arrays.copyOf(b, from));
        p.onGap(dir, lost, 3);
        send(p, dir, concat(Arrays.copyOfRange(b, from + lost, b.length), more));
    }

    private static void send(ConversationParser p, int dir, byte[] b) {
        if (b.length > 0) {
            p.onData(dir, b, 0, b.length, dir == CLIENT ? 1 : 2);
        }
    }

    private static byte[] prefixed(byte[] dns) {
        return concat(new byte[] {(byte) (dns.length >> 8), (byte) dns.length}, dns);
    }
}

package io.netinsights.capture.dissect.dns;

import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.testutils.TestingDns;
import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Wire-format parsing of DNS messages, including hostile compression, and DNS detection. */
class DnsMessageTest {

    @Test
    void queryJson() {
        byte[] q = TestingDns.query(7, "example.com", 28);

        DnsMessage m = DnsMessage.parse(q, 0, q.length);

        assertThat(m.complete).isTrue();
        assertThat(m.consumed).isEqualTo(q.length);
        assertThat(ItemJson.parseObject(m.toJson()))
                .isEqualTo(
                        Map.of(
                                "opCode",
                                "Query",
                                "questions",
                                List.of(
                                        Map.of(
                                                "name",
                                                "example.com",
                                                "type",
                                                "AAAA",
                                                "class",
                                                "IN"))));
    }

    @Test
    void recordTypes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TestingDns.header(out, 1, 0x8183, 1, 5);
        TestingDns.question(out, "a.example", 255);
        record(out, 5, new byte[] {1, 'b', (byte) 0xc0, 14}); // CNAME b.example
        byte[] mx = {0, 10, 2, 'm', 'x', (byte) 0xc0, 14};
        record(out, 15, mx);
        record(out, 16, new byte[] {2, 'h', 'i', 3, 'y', 'o', 'u'});
        record(out, 33, new byte[] {0, 1, 0, 2, 0x1f, (byte) 0x90, 0});
        record(out, 99, new byte[] {(byte) 0xab, 1});
        byte[] b = out.toByteArray();

        DnsMessage m = DnsMessage.parse(b, 0, b.length);

        assertThat(m.complete).isTrue();
        Map<String, Object> json = ItemJson.parseObject(m.toJson());
        assertThat(json).containsEntry("code", "NXDomain");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answers = (List<Map<String, Object>>) json.get("answers");
        assertThat(answers.get(0)).containsEntry("cname", "b.example").containsEntry("ttl", 60);
        assertThat(answers.get(1))
                .containsEntry("mx", "mx.example")
                .containsEntry("preference", 10);
        assertThat(answers.get(2)).containsEntry("txt", List.of("hi", "you"));
        assertThat(answers.get(3))
                .containsEntry(
                        "srv", Map.of("priority", 1, "weight", 2, "port", 8080, "target", ""));
        assertThat(answers.get(4)).containsEntry("type", "SPF").containsEntry("rdata", "ab01");
    }

    @Test
    void pointerLoopsAndForwardPointersAreRejected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TestingDns.header(out, 1, 0x8180, 1, 1);
        TestingDns.question(out, "a", 1);
        out.write(0xc0); // answer name points to itself
        out.write(out.size() - 1);
        byte[] self = out.toByteArray();

        DnsMessage m = DnsMessage.parse(self, 0, self.length);

        assertThat(m.complete).isFalse();
        assertThat(m.questions).hasSize(1);
        assertThat(m.answers).isEmpty();
    }

    @Test
    void truncatedRecordKeepsWhatParsed() {
        byte[] full = TestingDns.answerA(9, "example.com", 300, "1.2.3.4");

        DnsMessage m = DnsMessage.parse(full, 0, full.length - 2);

        assertThat(m.complete).isFalse();
        assertThat(m.questions).hasSize(1);
        assertThat(m.id).isEqualTo(9);
        assertThat(m.response).isTrue();
    }

    @Test
    void oddBytesInLabelsAreEscaped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TestingDns.header(out, 1, 0x0100, 1, 0);
        out.write(3);
        out.write('a');
        out.write('.');
        out.write(0);
        out.write(0);
        TestingDns.short16(out, 1);
        TestingDns.short16(out, 1);
        byte[] b = out.toByteArray();

        assertThat(DnsMessage.parse(b, 0, b.length).questions.get(0))
                .containsEntry("name", "a\\046\\000");
    }

    @Test
    void tooShortIsNoMessage() {
        assertThat(DnsMessage.parse(new byte[11], 0, 11)).isNull();
    }

    @Test
    void detectionByPortAndByContent() {
        DnsDissector dns = new DnsDissector();
        byte[] q = TestingDns.query(1, "example.com", 1);
        byte[] zeros = new byte[3000];
        byte[] text = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes();

        assertThat(dns.score(Transport.UDP, 40000, 53, q, 0, q.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(dns.score(Transport.UDP, 40000, 9999, q, 0, q.length))
                .isEqualTo(Dissector.CONTENT_MATCH);
        assertThat(dns.score(Transport.UDP, 1000, 2000, zeros, 0, zeros.length))
                .isEqualTo(Dissector.NO_MATCH);
        assertThat(dns.score(Transport.UDP, 1000, 2000, text, 0, text.length))
                .isEqualTo(Dissector.NO_MATCH);
        assertThat(dns.score(Transport.TCP, 40000, 80, text, 0, text.length))
                .isEqualTo(Dissector.NO_MATCH);
    }

    private static void record(ByteArrayOutputStream out, int type, byte[] rdata) {
        out.write(0xc0); // name: the question's
        out.write(12);
        TestingDns.short16(out, type);
        TestingDns.short16(out, 1);
        TestingDns.short16(out, 0);
        TestingDns.short16(out, 60);
        TestingDns.short16(out, rdata.length);
        out.write(rdata, 0, rdata.length);
    }
}

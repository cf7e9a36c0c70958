package io.netinsights.capture.dissect.dns;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One DNS message (RFC 1035) parsed into the item shape: a query becomes {@code {opCode,
 * questions}}, a response {@code {code, answers, authorities, additionals}}. Parsing is bounds
 * checked throughout; name compression must point backwards, which rules out loops. A damaged
 * section keeps the records parsed before the damage and marks the message incomplete.
 */
final class DnsMessage {

    private static final int HEADER = 12;

    final int id;
    final boolean response;
    final int opcode;
    final int rcode;
    final int questionCount;
    final List<Map<String, Object>> questions = new ArrayList<>();
    final List<Map<String, Object>> answers = new ArrayList<>();
    final List<Map<String, Object>> authorities = new ArrayList<>();
    final List<Map<String, Object>> additionals = new ArrayList<>();

    /** Whether every section parsed. */
    boolean complete;

    /** Bytes used by the parsed sections (equals the length for a well-formed message). */
    int consumed;

    private DnsMessage(byte[] b, int off) {
        id = Bytes.u16(b, off);
        int flags = Bytes.u16(b, off + 2);
        response = (flags & 0x8000) != 0;
        opcode = (flags >>> 11) & 0x0f;
        rcode = flags & 0x0f;
        questionCount = Bytes.u16(b, off + 4);
    }

    /** Parses {@code b[off .. off+len)}; null when it is shorter than a DNS header. */
    static DnsMessage parse(byte[] b, int off, int len) {
        if (len < HEADER) {
            return null;
        }
        DnsMessage m = new DnsMessage(b, off);
        DnsReader r = new DnsReader(b, off, off + len);
        r.seek(off + HEADER);
        try {
            for (int i = 0; i < m.questionCount; i++) {
                m.questions.add(r.question());
            }
            r.records(Bytes.u16(b, off + 6), m.answers);
            r.records(Bytes.u16(b, off + 8), m.authorities);
            r.records(Bytes.u16(b, off + 10), m.additionals);
            m.complete = true;
        } catch (DnsReader.FormatError e) {
            m.complete = false;
        }
        m.consumed = r.position() - off;
        return m;
    }

    /** The {@code request} or {@code response} JSON object of the item. */
    String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (response) {
            out.put("code", DnsNames.rcode(rcode));
            out.put("answers", answers);
            out.put("authorities", authorities);
            out.put("additionals", additionals);
        } else {
            out.put("opCode", DnsNames.opcode(opcode));
            out.put("questions", questions);
        }
        return ItemJson.write(out);
    }
}

package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;
import io.netinsights.capture.dissect.Transport;

import java.util.List;

/**
 * Apache Kafka over TCP. On any port, a flow is Kafka when its first payload is a plausible request
 * header: a frame size a broker accepts, a known API key, a small version, and a printable client
 * id inside the frame. On the usual broker ports (9092-9094, 29092) the port alone suggests Kafka.
 */
public final class KafkaDissector implements Dissector {

    static final ProtocolSpec KAFKA =
            new ProtocolSpec(
                    "kafka", "12", "KAFKA", "Apache Kafka", "kafka", "tcp", List.of("9092"));

    private static final int[] PORTS = {9092, 9093, 9094, 29092};
    private static final int MAX_VERSION = 20;

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int score(Transport transport, int srcPort, int dstPort, byte[] b, int off, int len) {
        if (transport != Transport.TCP) {
            return NO_MATCH;
        }
        if (looksLikeRequest(b, off, len)) {
            return CONTENT_MATCH;
        }
        for (int p : PORTS) {
            if (srcPort == p || dstPort == p) {
                return PORT_MATCH;
            }
        }
        return NO_MATCH;
    }

    @Override
    public ConversationParser newParser(Transport transport, ParserContext context) {
        return new KafkaConversation(context);
    }

    /** Whether {@code b[off .. off+len)} starts with a plausible Kafka request header. */
    static boolean looksLikeRequest(byte[] b, int off, int len) {
        if (len < 12) {
            return false;
        }
        long size = Bytes.u32(b, off) & 0xffffffffL;
        int apiKey = (short) Bytes.u16(b, off + 4);
        int version = (short) Bytes.u16(b, off + 6);
        if (size < 8 || size > KafkaFramer.MAX_FRAME) {
            return false;
        }
        if (!KafkaApis.isKnown(apiKey) || version < 0 || version > MAX_VERSION) {
            return false;
        }
        if (!KafkaApis.requestHasClientId(apiKey, version)) {
            return true;
        }
        if (len < 14) {
            return false;
        }
        int idLen = (short) Bytes.u16(b, off + 12);
        if (idLen == -1) {
            return size >= 10;
        }
        if (idLen < 0 || 10L + idLen > size) {
            return false;
        }
        int available = Math.min(idLen, len - 14);
        for (int i = 0; i < available; i++) {
            int c = b[off + 14 + i];
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}

package io.netinsights.capture.dissect.dns;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;
import io.netinsights.capture.dissect.Transport;

import java.util.List;

/**
 * DNS over UDP and TCP. On the DNS ports (53, and 5353/5355 for mDNS/LLMNR) a plausible header is
 * enough; on any other UDP port the whole datagram must parse as exactly one well-formed message
 * with one question, which random payloads practically never do.
 */
public final class DnsDissector implements Dissector {

    static final ProtocolSpec DNS_UDP =
            new ProtocolSpec("dns", "0", "DNS", "Domain Name System", "dns", "udp", List.of("53"));

    static final ProtocolSpec DNS_TCP =
            new ProtocolSpec("dns", "0", "DNS", "Domain Name System", "dns", "tcp", List.of("53"));

    private static final int HEADER = 12;

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public int score(Transport transport, int srcPort, int dstPort, byte[] b, int off, int len) {
        if (transport == Transport.TCP) {
            if (!isDnsPort(srcPort) && !isDnsPort(dstPort)) {
                return NO_MATCH;
            }
            return len >= 2 + HEADER && plausibleHeader(b, off + 2) ? CONTENT_MATCH : PORT_MATCH;
        }
        if (len < HEADER || !plausibleHeader(b, off)) {
            return NO_MATCH;
        }
        if (isDnsPort(srcPort) || isDnsPort(dstPort)) {
            return CONTENT_MATCH;
        }
        return isStrictMessage(b, off, len) ? CONTENT_MATCH : NO_MATCH;
    }

    @Override
    public ConversationParser newParser(Transport transport, ParserContext context) {
        boolean tcp = transport == Transport.TCP;
        return new DnsConversation(context, tcp ? DNS_TCP : DNS_UDP, tcp);
    }

    private static boolean isDnsPort(int port) {
        return port == 53 || port == 5353 || port == 5355;
    }

    static boolean plausibleHeader(byte[] b, int off) {
        int flags = Bytes.u16(b, off + 2);
        int opcode = (flags >>> 11) & 0x0f;
        int questions = Bytes.u16(b, off + 4);
        return DnsNames.isKnownOpcode(opcode) && questions <= 16;
    }

    private static boolean isStrictMessage(byte[] b, int off, int len) {
        if (Bytes.u16(b, off + 4) != 1) {
            return false;
        }
        DnsMessage m = DnsMessage.parse(b, off, len);
        return m != null && m.complete && m.consumed == len;
    }
}

package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;
import io.netinsights.capture.dissect.Transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP/1.0 and HTTP/1.1 over TCP. A flow is HTTP when its first payload starts with a request line
 * of a known method or a status line, on any port; on the usual HTTP ports a flow is tried even
 * when its first bytes say nothing (a capture that starts mid-message). The HTTP/2 preface is left
 * for an HTTP/2 dissector.
 */
public final class HttpDissector implements Dissector {

    private static final List<String> PORTS = List.of("80", "443", "8080");

    static final ProtocolSpec HTTP_11 =
            new ProtocolSpec(
                    "http",
                    "1.1",
                    "HTTP",
                    "Hypertext Transfer Protocol -- HTTP/1.1",
                    "http",
                    "tcp",
                    PORTS);

    static final ProtocolSpec HTTP_10 =
            new ProtocolSpec(
                    "http",
                    "1.0",
                    "HTTP",
                    "Hypertext Transfer Protocol -- HTTP/1.0",
                    "http",
                    "tcp",
                    PORTS);

    private static final byte[][] STARTS = {
        ascii("GET "),
        ascii("POST "),
        ascii("PUT "),
        ascii("DELETE "),
        ascii("HEAD "),
        ascii("OPTIONS "),
        ascii("PATCH "),
        ascii("CONNECT "),
        ascii("TRACE "),
        ascii("PROPFIND "),
        ascii("PROPPATCH "),
        ascii("MKCOL "),
        ascii("COPY "),
        ascii("MOVE "),
        ascii("LOCK "),
        ascii("UNLOCK "),
        ascii("REPORT "),
        ascii("SEARCH "),
        ascii("HTTP/1.")
    };

    /** The start of the HTTP/2 connection preface (prior knowledge); not HTTP/1.x. */
    static final byte[] HTTP2_PREFACE = ascii("PRI * HTTP/2.0");

    private static final int[] HTTP_PORTS = {80, 8080, 8000, 8008, 8888};

    @Override
    public String name() {
        return "http";
    }

    @Override
    public int score(Transport transport, int srcPort, int dstPort, byte[] b, int off, int len) {
        if (transport != Transport.TCP || startsWith(b, off, len, HTTP2_PREFACE)) {
            return NO_MATCH;
        }
        for (byte[] start : STARTS) {
            if (startsWith(b, off, len, start)) {
                return CONTENT_MATCH;
            }
        }
        for (int p : HTTP_PORTS) {
            if (srcPort == p || dstPort == p) {
                return PORT_MATCH;
            }
        }
        return NO_MATCH;
    }

    @Override
    public ConversationParser newParser(Transport transport, ParserContext context) {
        return new HttpConversation(context);
    }

    /** The item protocol for a message of this version ({@code HTTP/1.0} or else 1.1). */
    static ProtocolSpec protocolOf(String version) {
        return "HTTP/1.0".equals(version) ? HTTP_10 : HTTP_11;
    }

    private static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;
import io.netinsights.capture.dissect.Transport;

import java.util.List;

/**
 * HTTP/2 over cleartext TCP (h2c) and gRPC on it. A flow is HTTP/2 when its first payload is the
 * client preface (prior knowledge), or a run of plausible frames (a capture that starts
 * mid-connection), or, weakly, when it uses gRPC's usual port. HTTP/1.1 connections that switch
 * ({@code Upgrade: h2c} answered by 101, or a CONNECT tunnel) are handed over by the HTTP/1.x
 * dissector through {@link #afterSwitch}. Items are named as Kubeshark names them.
 */
public final class Http2Dissector implements Dissector {

    /** Kubeshark's HTTP/2 protocol. */
    public static final ProtocolSpec HTTP2 =
            new ProtocolSpec(
                    "http",
                    "2.0",
                    "HTTP/2",
                    "Hypertext Transfer Protocol Version 2 (HTTP/2)",
                    "http2",
                    "tcp",
                    List.of("80", "443", "8080"));

    /**
     * Kubeshark's gRPC protocol: content-type {@code application/grpc*} on either message. Its long
     * name is Kubeshark's, {@code "... [ gRPC over HTTP/2 ]"}, so scripts match it.
     */
    public static final ProtocolSpec GRPC =
            new ProtocolSpec(
                    "http",
                    "2.0",
                    "gRPC",
                    "Hypertext Transfer Protocol Version 2 (HTTP/2) [ gRPC over HTTP/2 ]",
                    "grpc",
                    "tcp",
                    List.of("80", "443", "8080", "50051"));

    private static final int GRPC_PORT = 50051;

    @Override
    public String name() {
        return "http";
    }

    @Override
    public int score(Transport transport, int srcPort, int dstPort, byte[] b, int off, int len) {
        if (transport != Transport.TCP) {
            return NO_MATCH;
        }
        if (isPrefaceStart(b, off, len) || Frames.looksLikeFrames(b, off, len)) {
            return CONTENT_MATCH;
        }
        return srcPort == GRPC_PORT || dstPort == GRPC_PORT ? PORT_MATCH : NO_MATCH;
    }

    @Override
    public ConversationParser newParser(Transport transport, ParserContext context) {
        return new Http2Conversation(context);
    }

    /**
     * The parser for the rest of an HTTP/1.1 connection after a protocol switch: a 101 response or
     * a successful CONNECT. It parses HTTP/2 if the client then sends the preface (the server
     * SETTINGS), and otherwise ignores the connection without counting errors (a WebSocket or TLS
     * tunnel, say).
     *
     * @param request the HTTP/1.1 request that led to the switch (its direction is the client's)
     * @param upgrade the {@code Upgrade} header of the response, null for CONNECT; for {@code h2c}
     *     the request becomes stream 1's, as RFC 9113 section 3.2 (and Kubeshark) has it
     */
    public static ConversationParser afterSwitch(
            ParserContext context, Message request, String upgrade) {
        boolean h2c = upgrade != null && upgrade.trim().equalsIgnoreCase("h2c");
        return new Http2Conversation(context, request.direction(), h2c ? request : null);
    }

    /** The preface, or as much of it as the payload holds (at least 4 bytes: "PRI "). */
    private static boolean isPrefaceStart(byte[] b, int off, int len) {
        int n = Math.min(len, Frames.PREFACE.length);
        if (n < 4) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[off + i] != Frames.PREFACE[i]) {
                return false;
            }
        }
        return true;
    }
}

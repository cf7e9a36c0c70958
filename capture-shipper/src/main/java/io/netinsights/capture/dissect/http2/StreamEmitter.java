package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.ProtocolSpec;

/**
 * Turns finished (or abandoned) streams into request and response {@link Message}s keyed by stream
 * id, so the pairer joins them into one item. The request goes out when its side ends, or just
 * before the response when it never ends (a gRPC stream still sending); the response carries the
 * item's error: {@code stream-reset} (RST_STREAM or GOAWAY before the response ended, with a null
 * response when none began) or {@code hpack-desync} (header fields we could not decode are left out
 * rather than guessed). A side that a TCP gap may have cut is marked ({@link Message#withGap}).
 */
final class StreamEmitter {

    static final String STREAM_RESET = "stream-reset";
    static final String HPACK_DESYNC = "hpack-desync";
    private static final String GAP_MSG =
            "frames of the stream may have been lost in a capture gap";

    private final ParserContext context;
    private final int maxBodyBytes;

    StreamEmitter(ParserContext context) {
        this.context = context;
        this.maxBodyBytes = context.maxBodyBytes();
    }

    /** Emits the request of {@code s} if it was seen and not emitted yet. */
    void request(Http2Stream s) {
        if (s.requestEmitted || !s.requestSeen || s.pushed) {
            return;
        }
        s.requestEmitted = true;
        Message up = s.upgradeRequest;
        if (up != null) {
            // The HTTP/1.1 request that asked for the upgrade is also stream 1's request.
            context.emit(
                    new Message(
                            Http2Dissector.HTTP2,
                            true,
                            up.direction(),
                            s.id,
                            up.startMicros(),
                            up.size(),
                            up.json()));
            return;
        }
        Message m =
                new Message(
                        protocol(s),
                        true,
                        s.requestDirection,
                        s.id,
                        s.requestMicros,
                        s.requestWire,
                        Http2Json.request(s, maxBodyBytes));
        context.emit(s.requestGap ? m.withGap(GAP_MSG) : m);
    }

    /** The response ended (END_STREAM): request if still due, then the response. */
    void complete(Http2Stream s) {
        request(s);
        response(s, null, null, s.responseMicros);
    }

    /** The stream was reset (or refused by GOAWAY) before the response ended. */
    void reset(Http2Stream s, String why, long tsMicros) {
        request(s);
        response(s, STREAM_RESET, why, tsMicros);
    }

    /** The connection ended: what was seen goes out; a request alone will time out unpaired. */
    void abandoned(Http2Stream s, long tsMicros) {
        request(s);
        if (s.responseSeen) {
            response(s, null, null, tsMicros);
        }
    }

    private void response(Http2Stream s, String errorType, String errorMsg, long tsMicros) {
        if (s.pushed || s.requestDirection < 0) {
            return;
        }
        String json = s.responseSeen ? Http2Json.response(s, maxBodyBytes) : null;
        Message m =
                new Message(
                        protocol(s),
                        false,
                        1 - s.requestDirection,
                        s.id,
                        s.responseSeen ? s.responseMicros : tsMicros,
                        s.responseWire,
                        json);
        int undecoded = s.undecoded();
        if (errorType == null && undecoded > 0) {
            errorType = HPACK_DESYNC;
            errorMsg =
                    undecoded
                            + " header field(s) or block(s) left out: they refer to HPACK state"
                            + " sent before the capture started or in data we could not read";
        }
        m = errorType == null ? m : m.withError(errorType, errorMsg);
        context.emit(s.responseGap ? m.withGap(GAP_MSG) : m);
    }

    private static ProtocolSpec protocol(Http2Stream s) {
        return s.isGrpc() ? Http2Dissector.GRPC : Http2Dissector.HTTP2;
    }
}

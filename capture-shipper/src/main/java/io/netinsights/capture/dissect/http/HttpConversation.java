package io.netinsights.capture.dissect.http;

import io.netinsights.capture.dissect.CappedBuffer;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.http2.Http2Dissector;

import java.util.ArrayDeque;

/**
 * One HTTP/1.x connection: a {@link HttpStreamParser} per direction, plus the methods of requests
 * not yet answered, which decide whether a response has a body (HEAD, CONNECT). Each side's
 * messages are classified by their start line, so it does not matter which side opened the
 * connection.
 */
final class HttpConversation implements ConversationParser {

    private static final int MAX_PENDING_METHODS = 1024;

    private final ParserContext context;
    private final HttpStreamParser[] parsers;
    private final int maxBodyBytes;

    @SuppressWarnings("unchecked")
    private final ArrayDeque<String>[] methods =
            new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};

    /** The last request per direction, and the parser after a protocol switch (else null). */
    private final Message[] lastRequest = new Message[2];

    private ConversationParser switched;

    /** Whether each direction last sent a response (true) or a request (false); null: nothing. */
    private final Boolean[] sentResponses = new Boolean[2];

    HttpConversation(ParserContext context) {
        this.context = context;
        this.maxBodyBytes = context.maxBodyBytes();
        this.parsers =
                new HttpStreamParser[] {
                    new HttpStreamParser(0, this, maxBodyBytes),
                    new HttpStreamParser(1, this, maxBodyBytes)
                };
    }

    @Override
    public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
        parsers[direction].feed(buf, off, len, tsMicros);
    }

    @Override
    public void onGap(int direction, long lost, long tsMicros) {
        parsers[direction].gap(lost, tsMicros);
    }

    @Override
    public void onEnd(int direction, long tsMicros) {
        parsers[direction].end(tsMicros);
        if (switched != null) {
            switched.onEnd(direction, tsMicros);
        }
    }

    /** A request head was parsed in {@code direction}; its response will come the other way. */
    void onRequestHead(int direction, HttpHead head) {
        onRequestMethod(direction, head.method);
    }

    private void onRequestMethod(int direction, String method) {
        ArrayDeque<String> m = methods[direction];
        if (m.size() >= MAX_PENDING_METHODS) {
            m.poll();
        }
        m.add(method);
    }

    /** Method of the oldest unanswered request sent opposite to {@code responseDirection}. */
    String pendingMethod(int responseDirection) {
        return methods[1 - responseDirection].peek();
    }

    void onMessage(
            int direction,
            HttpHead head,
            CappedBuffer body,
            long startMicros,
            long size,
            long gapBytes) {
        String json;
        if (head.request) {
            json = HttpJson.request(head, body, maxBodyBytes);
        } else {
            methods[1 - direction].poll();
            json = HttpJson.response(head, body, maxBodyBytes);
        }
        Message m =
                new Message(
                        HttpDissector.protocolOf(head.version),
                        head.request,
                        direction,
                        Message.IN_ORDER,
                        startMicros,
                        size,
                        json);
        if (gapBytes > 0) {
            m = m.withGap(gapBytes + " bytes of the message were not captured");
        }
        if (head.request) {
            lastRequest[direction] = m;
        }
        sentResponses[direction] = !head.request;
        context.emit(m);
    }

    /**
     * A gap took the start of a message in {@code direction}, or all of it: a message without a
     * body keeps the in-order pairing in step. Whether it was a request comes from its first bytes,
     * else from what the direction sent before; when neither tells, nothing is emitted.
     *
     * @param response whether the lost message began like a response, or null if unknown
     */
    void onLostMessage(int direction, Boolean response, long lost, long tsMicros) {
        Boolean isResponse = response != null ? response : sentResponses[direction];
        if (isResponse == null && sentResponses[1 - direction] != null) {
            isResponse = !sentResponses[1 - direction]; // the other side sent requests
        }
        if (isResponse == null) {
            return;
        }
        if (isResponse) {
            methods[1 - direction].poll();
        } else {
            onRequestMethod(direction, "");
        }
        context.emit(
                new Message(
                                HttpDissector.HTTP_11,
                                !isResponse,
                                direction,
                                Message.IN_ORDER,
                                tsMicros,
                                lost,
                                null)
                        .withGap(lost + " bytes, a whole message or its head, were not captured"));
    }

    /** A gap after a protocol switch goes to the parser that took over. */
    void passthroughGap(int direction, long lost, long tsMicros) {
        if (switched != null) {
            switched.onGap(direction, lost, tsMicros);
        }
    }

    /** The connection switched protocols (101, CONNECT): stop parsing both directions. */
    void tunnel() {
        parsers[0].passthrough();
        parsers[1].passthrough();
    }

    /**
     * {@code response}, sent in {@code direction}, switched protocols: what follows goes to the
     * HTTP/2 dissector, which keeps it if it is HTTP/2 (h2c upgrade, or a CONNECT tunnel).
     */
    void tunnel(int direction, HttpHead response) {
        tunnel();
        Message request = lastRequest[1 - direction];
        if (request != null && response != null) {
            String upgrade = response.status == 101 ? response.header("Upgrade") : null;
            switched = Http2Dissector.afterSwitch(context, request, upgrade);
        }
    }

    /** Bytes after a protocol switch. */
    void passthrough(int direction, byte[] b, int off, int len, long tsMicros) {
        if (switched != null) {
            switched.onData(direction, b, off, len, tsMicros);
        }
    }

    void parseError() {
        context.parseError();
    }
}

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
    public void onEnd(int direction, long tsMicros) {
        parsers[direction].end(tsMicros);
        if (switched != null) {
            switched.onEnd(direction, tsMicros);
        }
    }

    /** A request head was parsed in {@code direction}; its response will come the other way. */
    void onRequestHead(int direction, HttpHead head) {
        ArrayDeque<String> m = methods[direction];
        if (m.size() >= MAX_PENDING_METHODS) {
            m.poll();
        }
        m.add(head.method);
    }

    /** Method of the oldest unanswered request sent opposite to {@code responseDirection}. */
    String pendingMethod(int responseDirection) {
        return methods[1 - responseDirection].peek();
    }

    void onMessage(int direction, HttpHead head, CappedBuffer body, long startMicros, long size) {
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
        if (head.request) {
            lastRequest[direction] = m;
        }
        context.emit(m);
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

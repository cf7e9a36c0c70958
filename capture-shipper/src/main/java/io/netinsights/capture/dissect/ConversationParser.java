package io.netinsights.capture.dissect;

/**
 * Parses one flow of one protocol. Directions are 0 and 1 (which side sends); TCP data arrives in
 * order per direction with retransmissions removed, UDP data one datagram per call. Called from a
 * single thread. A parser must never throw on bad input: it reports {@link
 * ParserContext#parseError()} and resynchronises or ignores the rest.
 */
public interface ConversationParser {

    /** Payload bytes sent in {@code direction}; the buffer is only valid during the call. */
    void onData(int direction, byte[] buf, int off, int len, long tsMicros);

    /**
     * {@code lost} bytes of {@code direction} were never captured; the next {@link #onData} bytes
     * of that direction come after them. The parser skips them inside a message whose framing
     * allows it, else drops what it had started, marks the damaged message ({@link
     * Message#withGap}) and discards bytes until a plausible message start.
     */
    void onGap(int direction, long lost, long tsMicros);

    /** No more data will come in {@code direction} (FIN, RST, eviction or end of capture). */
    void onEnd(int direction, long tsMicros);
}

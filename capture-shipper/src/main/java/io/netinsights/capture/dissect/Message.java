package io.netinsights.capture.dissect;

/**
 * One parsed request or response, ready to be paired: who sent it, when, how big it was on the
 * wire, and its protocol-specific JSON body (the {@code request} or {@code response} object of the
 * item).
 */
public final class Message {

    /** Key of messages that pair in order (HTTP/1.x) rather than by an id (DNS). */
    public static final long IN_ORDER = Long.MIN_VALUE;

    /** The error type of a message that lost bytes to a TCP gap. */
    public static final String GAP = "gap";

    private final ProtocolSpec protocol;
    private final boolean request;
    private final int direction;
    private final long key;
    private final long startMicros;
    private final long size;
    private final String json;
    private final String errorType;
    private final String errorMsg;
    private final boolean gap;

    /**
     * @param protocol what the item's {@code protocol} object says
     * @param request true for a request, false for a response
     * @param direction the side that sent it (0 or 1)
     * @param key pairing key (DNS transaction id), or {@link #IN_ORDER}
     * @param startMicros capture time of the message's first packet
     * @param size bytes of the message on the wire (headers and body)
     * @param json the request or response JSON object
     */
    public Message(
            ProtocolSpec protocol,
            boolean request,
            int direction,
            long key,
            long startMicros,
            long size,
            String json) {
        this(protocol, request, direction, key, startMicros, size, json, null, null, false);
    }

    private Message(
            ProtocolSpec protocol,
            boolean request,
            int direction,
            long key,
            long startMicros,
            long size,
            String json,
            String errorType,
            String errorMsg,
            boolean gap) {
        this.protocol = protocol;
        this.request = request;
        this.direction = direction;
        this.key = key;
        this.startMicros = startMicros;
        this.size = size;
        this.json = json;
        this.errorType = errorType;
        this.errorMsg = errorMsg;
        this.gap = gap;
    }

    /**
     * This message with an error the dissector found (the item's {@code error}, e.g. an HTTP/2
     * stream reset). A response may then have a null JSON body: the item gets none.
     */
    public Message withError(String type, String msg) {
        return new Message(
                protocol, request, direction, key, startMicros, size, json, type, msg, gap);
    }

    /**
     * This message with bytes lost to a TCP gap: part of it is missing, or (with a null JSON body)
     * all of it, when only the fact that a message was there is known. Keeps an error the dissector
     * already found; otherwise the error becomes {@link #GAP} with {@code msg}.
     */
    public Message withGap(String msg) {
        String type = errorType == null ? GAP : errorType;
        String m = errorType == null ? msg : errorMsg;
        return new Message(
                protocol, request, direction, key, startMicros, size, json, type, m, true);
    }

    /** Whether bytes of this message were lost to a TCP gap. */
    public boolean touchedGap() {
        return gap;
    }

    public ProtocolSpec protocol() {
        return protocol;
    }

    public boolean isRequest() {
        return request;
    }

    public int direction() {
        return direction;
    }

    public long key() {
        return key;
    }

    public long startMicros() {
        return startMicros;
    }

    public long size() {
        return size;
    }

    public String json() {
        return json;
    }

    /** The error type the dissector attached, or null. */
    public String errorType() {
        return errorType;
    }

    public String errorMsg() {
        return errorMsg;
    }

    /** Whether {@code response} answers this request: other direction and same key. */
    public boolean isAnsweredBy(Message response) {
        return response.direction != direction && response.key == key;
    }

    @Override
    public String toString() {
        return (request ? "request " : "response ")
                + protocol.name()
                + " dir="
                + direction
                + " key="
                + (key == IN_ORDER ? "in-order" : Long.toString(key))
                + " at="
                + startMicros;
    }
}

package io.netinsights.capture.dissect;

/**
 * One application protocol (HTTP/1.x, DNS, later HTTP/2, Redis, Kafka, PostgreSQL): recognises a
 * flow from its first payload and ports, and creates the per-flow {@link ConversationParser} that
 * turns the flow's bytes into request and response {@link Message}s. Implementations are stateless
 * and shared by all flows.
 */
public interface Dissector {

    /** The first payload does not look like this protocol and no port suggests it. */
    int NO_MATCH = 0;

    /** Only a well-known port suggests this protocol. */
    int PORT_MATCH = 1;

    /** The payload itself looks like this protocol. */
    int CONTENT_MATCH = 2;

    /** Short protocol name, as in {@code protocol.name} ({@code "http"}, {@code "dns"}). */
    String name();

    /**
     * How well the first payload seen on a flow matches this protocol: {@link #NO_MATCH}, {@link
     * #PORT_MATCH} or {@link #CONTENT_MATCH}. Must be cheap and must not keep the buffer.
     */
    int score(Transport transport, int srcPort, int dstPort, byte[] buf, int off, int len);

    /** A parser for one new flow; it reports messages and errors to {@code context}. */
    ConversationParser newParser(Transport transport, ParserContext context);
}

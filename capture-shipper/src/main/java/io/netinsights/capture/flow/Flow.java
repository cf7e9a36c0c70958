package io.netinsights.capture.flow;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.DecodedPacket;
import io.netinsights.capture.decode.IpFormat;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.capture.dissect.Transport;
import io.netinsights.capture.tcp.StreamConsumer;
import io.netinsights.capture.tcp.TcpReassembler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection or UDP conversation: its two sides (A and B, see {@link FlowKey}), its TCP
 * reassembly per direction, and the parser of the dissector chosen from its first payload. A flow
 * that no dissector claims is ignored cheaply until it ends. Directions are 0 (A sends) and 1 (B
 * sends).
 */
public final class Flow implements StreamConsumer, ParserContext {

    private static final Logger LOG = LoggerFactory.getLogger(Flow.class);

    private final FlowKey key;
    private final long id;
    private final Transport transport;
    private final FlowTable table;
    private final String[] ips = new String[2];
    private final String[] ports = new String[2];
    private String idText;
    private TcpReassembler[] streams;
    private ConversationParser parser;
    private boolean ignored;
    private final boolean[] finSeen = new boolean[2];
    private long lastSeenMicros;
    private int itemCount;
    private boolean closed;

    Flow(FlowKey key, long id, Transport transport, FlowTable table, Dissector dissector) {
        this.key = key;
        this.id = id;
        this.transport = transport;
        this.table = table;
        if (transport == Transport.TCP) {
            streams = new TcpReassembler[] {new TcpReassembler(0), new TcpReassembler(1)};
        }
        if (dissector != null) {
            parser = dissector.newParser(transport, this);
        }
    }

    /** Sequence number of the flow in the capture, from 0. */
    public long id() {
        return id;
    }

    public Transport transport() {
        return transport;
    }

    /** IP address of side 0 (A) or 1 (B); the side that sends in direction d is side d. */
    public String ip(int side) {
        String s = ips[side];
        if (s == null) {
            s = IpFormat.format(key.version(), key.hi(side), key.lo(side));
            ips[side] = s;
        }
        return s;
    }

    public int port(int side) {
        return key.port(side);
    }

    /** {@link #port} as text, made once per flow (every item of the flow carries it). */
    public String portText(int side) {
        String s = ports[side];
        if (s == null) {
            s = Integer.toString(port(side));
            ports[side] = s;
        }
        return s;
    }

    /** {@link #id} as text, made once per flow. */
    public String idText() {
        if (idText == null) {
            idText = Long.toString(id);
        }
        return idText;
    }

    /** Numbers this flow's items 0, 1, 2, ... */
    public int nextItemNumber() {
        return itemCount++;
    }

    FlowKey key() {
        return key;
    }

    long lastSeenMicros() {
        return lastSeenMicros;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether a SYN without ACK starts a new connection on this reused 5-tuple. */
    boolean isReusedBy(DecodedPacket p, int direction) {
        if (!p.hasFlag(DecodedPacket.TCP_SYN) || p.hasFlag(DecodedPacket.TCP_ACK)) {
            return false;
        }
        if (ignored) {
            return finSeen[0] || finSeen[1];
        }
        TcpReassembler s = streams[direction];
        return s.hasDelivered() || s.isEnded();
    }

    void onTcp(DecodedPacket p, int direction) {
        lastSeenMicros = p.timestampMicros();
        if (parser == null && !ignored && p.payloadLength() > 0) {
            choose(p);
        }
        boolean rst = p.hasFlag(DecodedPacket.TCP_RST);
        boolean fin = p.hasFlag(DecodedPacket.TCP_FIN);
        if (ignored) {
            finSeen[direction] |= fin;
            if (rst || (finSeen[0] && finSeen[1])) {
                close("connection closed", p.timestampMicros());
            }
            return;
        }
        if (rst) {
            end("connection reset", p.timestampMicros());
            return;
        }
        if (p.hasFlag(DecodedPacket.TCP_ACK)) {
            // Before this segment's own data: the sender had received that much when it sent it.
            streams[1 - direction].onPeerAck(p.ack(), p.timestampMicros(), this);
        }
        int allowance = table.options().maxBytesPerFlow() - streams[1 - direction].heldBytes();
        streams[direction].onSegment(
                p.seq(),
                p.hasFlag(DecodedPacket.TCP_SYN),
                fin,
                p.buffer(),
                p.payloadOffset(),
                p.payloadLength(),
                p.timestampMicros(),
                allowance,
                this);
        if (streams[0].isEnded() && streams[1].isEnded()) {
            close("connection closed", p.timestampMicros());
        }
    }

    void onDatagram(DecodedPacket p, int direction) {
        lastSeenMicros = p.timestampMicros();
        onData(direction, p.buffer(), p.payloadOffset(), p.payloadLength(), p.timestampMicros());
    }

    /** Ends both directions (flushing what parsers hold) and closes the flow. */
    void end(String reason, long tsMicros) {
        if (streams != null && !ignored) {
            streams[0].end(tsMicros, this);
            streams[1].end(tsMicros, this);
        } else if (parser != null) {
            onEnd(0, tsMicros);
            onEnd(1, tsMicros);
        }
        close(reason, tsMicros);
    }

    private void choose(DecodedPacket p) {
        Dissector d =
                table.dissectors()
                        .select(
                                transport,
                                p.srcPort(),
                                p.dstPort(),
                                p.buffer(),
                                p.payloadOffset(),
                                p.payloadLength());
        if (d == null) {
            ignore();
        } else {
            parser = d.newParser(transport, this);
        }
    }

    private void ignore() {
        ignored = true;
        parser = null;
        streams = null;
    }

    private void close(String reason, long tsMicros) {
        if (!closed) {
            closed = true;
            table.listener().onFlowEnd(this, reason, tsMicros);
        }
    }

    @Override
    public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
        if (parser == null) {
            return;
        }
        try {
            parser.onData(direction, buf, off, len, tsMicros);
        } catch (RuntimeException e) {
            parserFailed(e);
        }
    }

    @Override
    public void onGap(int direction, long lost, long tsMicros) {
        table.stats().increment(Counter.GAPS);
        table.stats().add(Counter.GAP_BYTES, lost);
        if (parser == null) {
            return;
        }
        try {
            parser.onGap(direction, lost, tsMicros);
        } catch (RuntimeException e) {
            parserFailed(e);
        }
    }

    @Override
    public void onEnd(int direction, long tsMicros) {
        if (parser == null) {
            return;
        }
        try {
            parser.onEnd(direction, tsMicros);
        } catch (RuntimeException e) {
            parserFailed(e);
        }
    }

    /** A parser bug must not stop the capture: count it and ignore the rest of this flow. */
    private void parserFailed(RuntimeException e) {
        table.stats().increment(Counter.INTERNAL_ERRORS);
        if (table.stats().get(Counter.INTERNAL_ERRORS) == 1) {
            LOG.warn("parser of {} failed, ignoring the rest of the flow: {}", this, e.toString());
        } else {
            LOG.debug("parser of {} failed, ignoring the rest of the flow: {}", this, e.toString());
        }
        parser = null;
        ignored = true;
    }

    @Override
    public void emit(Message message) {
        table.listener().onMessage(this, message);
    }

    @Override
    public void parseError() {
        table.stats().increment(Counter.PARSE_ERRORS);
    }

    @Override
    public int maxBodyBytes() {
        return table.options().maxBodyBytes();
    }

    @Override
    public String toString() {
        return "flow "
                + id
                + " "
                + transport.layer4()
                + " "
                + ip(0)
                + ":"
                + port(0)
                + " <-> "
                + ip(1)
                + ":"
                + port(1);
    }
}

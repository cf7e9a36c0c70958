package io.netinsights.capture.flow;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.DecodedPacket;
import io.netinsights.capture.dissect.Dissector;
import io.netinsights.capture.dissect.DissectorRegistry;
import io.netinsights.capture.dissect.Transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The live flows, found by 5-tuple in either direction, at most {@link CaptureOptions#maxFlows()}
 * of them. Kept in access order so that the least recently seen flow is the first candidate for
 * idle eviction. A TCP flow starts at a SYN or the first data segment; a UDP flow starts only when
 * a dissector claims its first datagram and is forgotten as soon as it has nothing pending.
 */
public final class FlowTable {

    private final LinkedHashMap<FlowKey, Flow> flows = new LinkedHashMap<>(1024, 0.75f, true);
    private final FlowKey probe = new FlowKey();
    private final DissectorRegistry dissectors;
    private final FlowListener listener;
    private final CaptureOptions options;
    private final CaptureStats stats;
    private final long idleMicros;
    private long nextId;

    public FlowTable(
            DissectorRegistry dissectors,
            FlowListener listener,
            CaptureOptions options,
            CaptureStats stats) {
        this.dissectors = dissectors;
        this.listener = listener;
        this.options = options;
        this.stats = stats;
        this.idleMicros = options.flowIdleTimeoutMillis() * 1000L;
    }

    /** Routes a decoded TCP or UDP packet to its flow, creating the flow when due. */
    public void onPacket(DecodedPacket p) {
        int direction = probe.set(p);
        Flow flow = flows.get(probe);
        if (p.protocol() == DecodedPacket.PROTO_TCP) {
            onTcp(p, direction, flow);
        } else {
            onUdp(p, direction, flow);
        }
    }

    private void onTcp(DecodedPacket p, int direction, Flow flow) {
        if (flow != null && flow.isReusedBy(p, direction)) {
            flow.end("connection closed", p.timestampMicros());
            flows.remove(probe);
            flow = null;
        }
        if (flow == null) {
            if (!p.hasFlag(DecodedPacket.TCP_SYN) && p.payloadLength() == 0) {
                return; // a lone ACK/FIN/RST of a flow already gone or never seen
            }
            flow = create(Transport.TCP, null, p.timestampMicros());
            if (flow == null) {
                return;
            }
        }
        flow.onTcp(p, direction);
        if (flow.isClosed()) {
            flows.remove(probe);
        }
    }

    private void onUdp(DecodedPacket p, int direction, Flow flow) {
        if (p.payloadLength() == 0) {
            return;
        }
        if (flow == null) {
            Dissector d =
                    dissectors.select(
                            Transport.UDP,
                            p.srcPort(),
                            p.dstPort(),
                            p.buffer(),
                            p.payloadOffset(),
                            p.payloadLength());
            if (d == null) {
                return;
            }
            flow = create(Transport.UDP, d, p.timestampMicros());
            if (flow == null) {
                return;
            }
        }
        flow.onDatagram(p, direction);
        if (!listener.hasPending(flow)) {
            flows.remove(probe);
        }
    }

    private Flow create(Transport transport, Dissector dissector, long nowMicros) {
        if (flows.size() >= options.maxFlows()) {
            evictIdle(nowMicros);
            if (flows.size() >= options.maxFlows()) {
                stats.increment(Counter.DROPS);
                return null;
            }
        }
        FlowKey key = probe.copy();
        Flow flow = new Flow(key, nextId++, transport, this, dissector);
        flows.put(key, flow);
        stats.increment(Counter.FLOWS);
        return flow;
    }

    /** Ends and forgets flows silent for longer than the idle timeout. */
    public void evictIdle(long nowMicros) {
        Iterator<Flow> it = flows.values().iterator();
        while (it.hasNext()) {
            Flow f = it.next();
            if (nowMicros - f.lastSeenMicros() <= idleMicros) {
                return;
            }
            it.remove();
            f.end("flow idle timeout", nowMicros);
        }
    }

    /** Forgets UDP flows that have nothing pending any more (after pairing timeouts). */
    public void releaseQuiet(Iterable<Flow> candidates) {
        for (Flow f : candidates) {
            if (f.transport() == Transport.UDP && !listener.hasPending(f)) {
                flows.remove(f.key());
            }
        }
    }

    /** Ends every flow, oldest first, as at the end of a capture. */
    public void finish(long nowMicros) {
        List<Flow> all = new ArrayList<>(flows.values());
        flows.clear();
        all.sort(Comparator.comparingLong(Flow::id));
        for (Flow f : all) {
            f.end("end of capture", nowMicros);
        }
    }

    public int size() {
        return flows.size();
    }

    DissectorRegistry dissectors() {
        return dissectors;
    }

    FlowListener listener() {
        return listener;
    }

    CaptureOptions options() {
        return options;
    }

    CaptureStats stats() {
        return stats;
    }
}

package io.netinsights.capture.pairing;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.flow.Flow;
import io.netinsights.capture.flow.FlowListener;
import io.netinsights.schemas.ApiItem;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pairs each flow's requests with their responses and emits one item per exchange, in order of
 * completion. HTTP/1.x pairs in order per connection, DNS by transaction id ({@link
 * Message#isAnsweredBy}). A request still unanswered after the pairing timeout (in capture time),
 * or when its flow ends, becomes an item with error {@code pair-not-found}; a response without a
 * request is counted and dropped.
 */
public final class ExchangePairer implements FlowListener {

    // Insertion order keeps the output of timeouts deterministic.
    private final Map<Flow, PendingExchanges> pending = new LinkedHashMap<>();
    private final ItemFactory items;
    private final Consumer<ApiItem> out;
    private final CaptureStats stats;
    private final long timeoutMicros;

    public ExchangePairer(CaptureOptions options, CaptureStats stats, Consumer<ApiItem> out) {
        this.items = new ItemFactory(options);
        this.out = out;
        this.stats = stats;
        this.timeoutMicros = options.pairTimeoutMillis() * 1000L;
    }

    @Override
    public void onMessage(Flow flow, Message m) {
        PendingExchanges p = pending.get(flow);
        if (m.isRequest()) {
            onRequest(flow, p, m);
        } else {
            onResponse(flow, p, m);
        }
    }

    private void onRequest(Flow flow, PendingExchanges p, Message request) {
        if (p != null && p.isRetransmission(request)) {
            return; // the first copy is answered (or times out) for both
        }
        if (p != null) {
            Message response = p.takeEarlyResponseFor(request);
            stats.add(Counter.ORPHAN_RESPONSES, p.dropStaleEarlyResponses(request));
            if (response != null) {
                pair(flow, request, response);
                forgetIfEmpty(flow, p);
                return;
            }
        } else {
            p = new PendingExchanges();
            pending.put(flow, p);
        }
        if (p.requests.size() >= PendingExchanges.MAX_REQUESTS) {
            unpaired(flow, p.requests.poll(), "too many requests waiting for a response");
        }
        p.requests.add(request);
    }

    private void onResponse(Flow flow, PendingExchanges p, Message response) {
        Message request = p == null ? null : p.takeRequestFor(response);
        if (request != null) {
            pair(flow, request, response);
            forgetIfEmpty(flow, p);
            return;
        }
        if (p == null) {
            p = new PendingExchanges();
            pending.put(flow, p);
        }
        if (p.earlyResponses.size() >= PendingExchanges.MAX_EARLY_RESPONSES) {
            p.earlyResponses.poll();
            stats.increment(Counter.ORPHAN_RESPONSES);
        }
        p.earlyResponses.add(response);
    }

    @Override
    public void onFlowEnd(Flow flow, String reason, long tsMicros) {
        PendingExchanges p = pending.remove(flow);
        if (p == null) {
            return;
        }
        for (Message r : p.requests) {
            unpaired(flow, r, "no response before " + reason);
        }
        stats.add(Counter.ORPHAN_RESPONSES, p.earlyResponses.size());
    }

    @Override
    public boolean hasPending(Flow flow) {
        return pending.containsKey(flow);
    }

    /**
     * Emits requests older than the timeout as unpaired and drops stale early responses.
     *
     * @return the flows left with nothing pending
     */
    public List<Flow> expire(long nowMicros) {
        List<Flow> emptied = new ArrayList<>();
        long limit = nowMicros - timeoutMicros;
        for (Iterator<Map.Entry<Flow, PendingExchanges>> it = pending.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<Flow, PendingExchanges> e = it.next();
            PendingExchanges p = e.getValue();
            while (!p.requests.isEmpty() && p.requests.peek().startMicros() < limit) {
                unpaired(
                        e.getKey(),
                        p.requests.poll(),
                        "no response within " + timeoutMicros / 1000 + " ms");
            }
            while (!p.earlyResponses.isEmpty() && p.earlyResponses.peek().startMicros() < limit) {
                p.earlyResponses.poll();
                stats.increment(Counter.ORPHAN_RESPONSES);
            }
            if (p.isEmpty()) {
                it.remove();
                emptied.add(e.getKey());
            }
        }
        return emptied;
    }

    private void forgetIfEmpty(Flow flow, PendingExchanges p) {
        if (p.isEmpty()) {
            pending.remove(flow);
        }
    }

    /**
     * Emits an exchange. Messages a gap damaged keep the pairing in step: a request a gap took
     * whole (no JSON) drops its exchange, counted; a response a gap took whole leaves its request
     * unpaired, as if it had never come, with the gap marked.
     */
    private void pair(Flow flow, Message request, Message response) {
        if (request.json() == null && request.touchedGap()) {
            stats.increment(Counter.GAP_DROPS);
        } else if (response.json() == null && response.touchedGap()) {
            emit(items.unpaired(flow, request, "response lost in a capture gap", true), true);
        } else {
            emit(items.paired(flow, request, response), false);
        }
    }

    private void unpaired(Flow flow, Message request, String why) {
        if (request.json() == null && request.touchedGap()) {
            stats.increment(Counter.GAP_DROPS);
            return;
        }
        emit(items.unpaired(flow, request, why, false), true);
    }

    private void emit(ApiItem item, boolean unpaired) {
        stats.countItem(item.getProtocol().getName());
        if (unpaired) {
            stats.increment(Counter.UNPAIRED);
        }
        if (ItemFactory.isGapItem(item)) {
            stats.increment(Counter.GAP_ITEMS);
        }
        out.accept(item);
    }
}

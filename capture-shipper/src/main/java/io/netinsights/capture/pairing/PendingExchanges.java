package io.netinsights.capture.pairing;

import io.netinsights.capture.dissect.Message;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The requests of one flow still waiting for a response, oldest first, and the few responses that
 * completed before their request did (a request still being uploaded, or packets reordered).
 */
final class PendingExchanges {

    static final int MAX_REQUESTS = 1024;
    static final int MAX_EARLY_RESPONSES = 8;

    final ArrayDeque<Message> requests = new ArrayDeque<>(4);
    final ArrayDeque<Message> earlyResponses = new ArrayDeque<>(2);

    /** Removes and returns the oldest request this response answers, or null. */
    Message takeRequestFor(Message response) {
        for (Iterator<Message> it = requests.iterator(); it.hasNext(); ) {
            Message r = it.next();
            if (r.isAnsweredBy(response)) {
                it.remove();
                return r;
            }
        }
        return null;
    }

    /** Removes and returns an early response that answers this request and started after it. */
    Message takeEarlyResponseFor(Message request) {
        for (Iterator<Message> it = earlyResponses.iterator(); it.hasNext(); ) {
            Message e = it.next();
            if (request.isAnsweredBy(e) && e.startMicros() >= request.startMicros()) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    /**
     * Removes in-order early responses that started before this request: they can answer no later
     * request either.
     *
     * @return how many were removed
     */
    int dropStaleEarlyResponses(Message request) {
        int dropped = 0;
        for (Iterator<Message> it = earlyResponses.iterator(); it.hasNext(); ) {
            Message e = it.next();
            if (e.key() == Message.IN_ORDER
                    && request.isAnsweredBy(e)
                    && e.startMicros() < request.startMicros()) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Whether a keyed request with the same key from the same side is already waiting: a
     * retransmission (a DNS client asking again), which must not become a second exchange.
     */
    boolean isRetransmission(Message request) {
        if (request.key() == Message.IN_ORDER) {
            return false;
        }
        for (Message r : requests) {
            if (r.key() == request.key() && r.direction() == request.direction()) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return requests.isEmpty() && earlyResponses.isEmpty();
    }
}

package io.netinsights.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's event log: console lines and run events as JSON, in order, for every SSE client.
 * A client that connects late first gets the events of the current run, then waits for new ones.
 * Only the last {@value #MAX_EVENTS} events are kept, so a long run cannot exhaust memory.
 */
public final class ConsoleHub {
    static final int MAX_EVENTS = 10_000;

    private final List<String> events = new ArrayList<>();
    private long first; // sequence number of events.get(0)

    /** Appends an event (one JSON object) and wakes every waiting client. */
    public synchronized void publish(String json) {
        events.add(json);
        if (events.size() > MAX_EVENTS) {
            events.remove(0);
            first++;
        }
        notifyAll();
    }

    /** Sequence number the next event will get. */
    public synchronized long next() {
        return first + events.size();
    }

    /**
     * Events from sequence {@code from} on, waiting up to {@code waitMillis} when there are none.
     * Events dropped from the buffer are skipped.
     */
    public synchronized List<String> since(long from, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (next() <= from) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return List.of();
            }
            wait(left);
        }
        int start = (int) Math.max(0, from - first);
        return new ArrayList<>(events.subList(start, events.size()));
    }

    /** Sequence number of the first event still buffered. */
    public synchronized long first() {
        return first;
    }
}

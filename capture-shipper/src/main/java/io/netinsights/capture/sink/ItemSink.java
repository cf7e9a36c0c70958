package io.netinsights.capture.sink;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.PodEvent;

import java.io.IOException;

/**
 * Where a shipper delivers what it captures: items (from the capture thread) and pod events (from
 * an informer thread). A sink never blocks capture for long: what it cannot take is dropped and
 * counted in {@link #dropped()}.
 */
public interface ItemSink extends AutoCloseable {

    /** Delivers an item; called on the capture thread. */
    void item(ApiItem item);

    /** Delivers a pod event; may be called from any thread. */
    void podEvent(PodEvent event);

    /** Pushes buffered records out (called now and then by the capture loop). */
    void flush() throws IOException;

    /** Items and pod events that were not delivered (buffer full, send failed). */
    long dropped();

    /** Delivers what is buffered, within the sink's own time bound, and releases it. */
    @Override
    void close() throws IOException;
}

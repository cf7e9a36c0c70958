package io.netinsights.js;

import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.SinkRequest;

/**
 * Where a script instance's side effects go. The Flink operators route each kind to its own side
 * output; tests collect them in lists.
 */
public interface Emitter {
    void console(ConsoleLine line);

    void hubAction(HubAction action);

    void sinkRequest(SinkRequest request);
}

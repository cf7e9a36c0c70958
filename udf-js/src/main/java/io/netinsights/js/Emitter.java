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

    /**
     * A failure the runtime reports about the script (a hook that threw or ran over its budget, a
     * quarantine). By default it is a console line like any other.
     */
    default void failure(ConsoleLine line) {
        console(line);
    }
}

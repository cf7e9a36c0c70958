package io.netinsights.capture.flow;

import io.netinsights.capture.dissect.Message;

/** Receives what flows produce: parsed messages, and the end of each flow. */
public interface FlowListener {

    /** A flow's dissector parsed a request or response. */
    void onMessage(Flow flow, Message message);

    /**
     * The flow is over and forgotten ({@code reason}: connection closed, idle, end of capture);
     * whatever still waits for it will never come.
     */
    void onFlowEnd(Flow flow, String reason, long tsMicros);

    /** Whether requests of this flow still wait for a response. */
    boolean hasPending(Flow flow);
}

package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import java.io.Serializable;
import java.util.Objects;

/**
 * A sink request buffered by a vendor sink, with the number of attempts that already failed. It is
 * what the sinks checkpoint; its {@link #toString()} names the request but never its attributes.
 */
public final class DeliveryEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SinkRequest request;
    private final int failedAttempts;

    public DeliveryEntry(SinkRequest request, int failedAttempts) {
        this.request = Objects.requireNonNull(request, "request");
        this.failedAttempts = failedAttempts;
    }

    public SinkRequest request() {
        return request;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    /** This entry after one more failed attempt. */
    DeliveryEntry failedOnce() {
        return new DeliveryEntry(request, failedAttempts + 1);
    }

    /** Approximate bytes on the wire: payload, target and key. */
    long sizeInBytes() {
        SinkRequest r = request;
        return r.getPayload().remaining()
                + r.getTarget().length()
                + (r.getKey() == null ? 0 : r.getKey().length());
    }

    @Override
    public String toString() {
        return "DeliveryEntry{"
                + SinkRequests.describe(request)
                + ", failedAttempts="
                + failedAttempts
                + "}";
    }
}

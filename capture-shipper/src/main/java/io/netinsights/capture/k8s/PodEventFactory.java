package io.netinsights.capture.k8s;

import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns pod watch events into {@link PodEvent} records: the pod as JSON (the shape {@code kubectl
 * get pod -o json} prints), its namespace, name and node, stamped with the wall clock. With a node
 * name set, only pods scheduled on that node produce events, so that each shipper of a DaemonSet
 * reports its own pods once.
 */
public final class PodEventFactory {
    private final KubernetesSerialization serialization;
    private final String onlyNode;
    private final LongSupplier clock;

    /**
     * @param onlyNode the node whose pods produce events, or null for every pod
     * @param clock Unix milliseconds of an event
     */
    public PodEventFactory(
            KubernetesSerialization serialization, String onlyNode, LongSupplier clock) {
        this.serialization = Objects.requireNonNull(serialization, "serialization");
        this.onlyNode = onlyNode;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a pod produces events under this factory's node filter. */
    public boolean accepts(Pod pod) {
        return onlyNode == null || onlyNode.equals(nodeOf(pod));
    }

    /** The event record of {@code pod}; call {@link #accepts} first. */
    public PodEvent event(PodEventType type, Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        return PodEvent.newBuilder()
                .setEvent(type)
                .setTimestamp(clock.getAsLong())
                .setNode(nodeOf(pod))
                .setNamespace(namespace == null ? "" : namespace)
                .setName(pod.getMetadata().getName())
                .setPod(serialization.asJson(pod))
                .build();
    }

    private static String nodeOf(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null ? "" : node;
    }
}

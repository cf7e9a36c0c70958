package io.netinsights.policy;

import java.io.Serializable;
import java.util.Map;

/**
 * One side of an observed flow: an IP address, and the pod it belongs to when it is a pod of the
 * cluster ({@code null} for addresses outside the cluster), with the labels of the pod's namespace.
 */
public record FlowEndpoint(String ip, PodInfo pod, Map<String, String> namespaceLabels)
        implements Serializable {

    public FlowEndpoint {
        ip = ip == null ? "" : ip;
        namespaceLabels = namespaceLabels == null ? Map.of() : Map.copyOf(namespaceLabels);
    }

    /** An address outside the cluster (or not in the pod inventory). */
    public static FlowEndpoint external(String ip) {
        return new FlowEndpoint(ip, null, Map.of());
    }

    /** A pod; its namespace only has the {@code kubernetes.io/metadata.name} label. */
    public static FlowEndpoint pod(PodInfo pod) {
        return pod(pod, Map.of(PodInventory.NAMESPACE_NAME_LABEL, pod.namespace()));
    }

    /** A pod with the labels of its namespace. */
    public static FlowEndpoint pod(PodInfo pod, Map<String, String> namespaceLabels) {
        return new FlowEndpoint(pod.ips().isEmpty() ? "" : pod.ips().get(0), pod, namespaceLabels);
    }

    /** The same endpoint seen at another IP of the pod (dual-stack pods have two). */
    public FlowEndpoint atIp(String otherIp) {
        return new FlowEndpoint(otherIp, pod, namespaceLabels);
    }

    public boolean isPod() {
        return pod != null;
    }

    /** {@code namespace/name} of a pod, else the IP. */
    public String describe() {
        return pod != null ? pod.key() : ip;
    }
}

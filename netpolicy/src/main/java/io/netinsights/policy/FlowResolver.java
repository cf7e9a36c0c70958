package io.netinsights.policy;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.PodRef;
import io.netinsights.schemas.Protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an API item into the flow NetworkPolicy sees: each side is the inventory's pod that had the
 * IP at the item's time, else the pod the capture enriched the item with (its labels, and the
 * inventory's named ports if it knows the pod), else an address outside the cluster. The port is
 * the destination's; the protocol is the item's layer 4.
 */
public final class FlowResolver implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PodInventory inventory;

    public FlowResolver(PodInventory inventory) {
        this.inventory = inventory;
    }

    public PodInventory inventory() {
        return inventory;
    }

    /** The flow of an item. */
    public Flow resolve(ApiItem item) {
        long t = item.getTimestamp();
        return new Flow(
                endpoint(item.getSrc(), t),
                endpoint(item.getDst(), t),
                port(item.getDst().getPort()),
                layer4(item.getProtocol()));
    }

    /** One side of an item at time {@code t}. */
    public FlowEndpoint endpoint(Endpoint e, long t) {
        Optional<PodInfo> known = inventory.byIp(e.getIp(), t);
        if (known.isPresent()) {
            return inventory.endpoint(known.get()).atIp(e.getIp());
        }
        PodRef ref = e.getPod();
        if (ref == null || ref.getName().isEmpty()) {
            return FlowEndpoint.external(e.getIp());
        }
        String ns = !ref.getNamespace().isEmpty() ? ref.getNamespace() : e.getNamespace();
        PodInfo pod =
                inventory
                        .byName(ns, ref.getName())
                        .orElseGet(
                                () ->
                                        PodInfo.builder(ns, ref.getName())
                                                .ip(e.getIp())
                                                .labels(ref.getLabels())
                                                .build());
        if (!ref.getLabels().isEmpty() && !ref.getLabels().equals(pod.labels())) {
            pod =
                    new PodInfo(
                            pod.namespace(),
                            pod.name(),
                            pod.uid(),
                            List.of(e.getIp()),
                            pod.hostIp(),
                            pod.node(),
                            ref.getLabels(),
                            pod.startMillis(),
                            pod.endMillis(),
                            pod.phase(),
                            pod.hostNetwork(),
                            pod.namedPorts(),
                            pod.workload());
        }
        return new FlowEndpoint(e.getIp(), pod, inventory.namespaceLabels(ns));
    }

    /** The destination port number; 0 when the item has none. */
    static int port(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            int p = Integer.parseInt(text.trim());
            return p >= 0 && p <= 65535 ? p : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code protocol.layer4} upper-cased; DNS without it is UDP, anything else TCP. */
    static String layer4(Protocol p) {
        String l4 = p.getLayer4() == null ? "" : p.getLayer4().trim();
        if (!l4.isEmpty()) {
            return l4.toUpperCase(Locale.ROOT);
        }
        return "dns".equalsIgnoreCase(p.getName()) ? "UDP" : "TCP";
    }
}

package io.netinsights.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one side of a flow object given to {@code policy.evaluate}: {@code {ip, namespace, name,
 * labels, namespaceLabels, ports: [{name, port, protocol}], hostIp}}. A side with a namespace is a
 * pod (completed from the inventory when it knows it); a side with only an IP is looked up in the
 * inventory, else it is outside the cluster.
 */
final class FlowJson {
    private FlowJson() {}

    static FlowEndpoint endpoint(Object value, String field, long t, PodInventory inventory) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("'" + field + "' must be an object");
        }
        String ip = str(raw.get("ip"));
        String ns = str(raw.get("namespace"));
        String name = str(raw.get("name"));
        if (ns.isEmpty()) {
            Optional<PodInfo> byIp = lookup(inventory, ip, t);
            return byIp.map(p -> inventory.endpoint(p).atIp(ip))
                    .orElseGet(() -> FlowEndpoint.external(ip));
        }
        Optional<PodInfo> known =
                name.isEmpty() ? lookup(inventory, ip, t) : inventory.byName(ns, name);
        // An unnamed pod is named after its IP, or its side, so that src and dst never collide.
        String podName = !name.isEmpty() ? name : !ip.isEmpty() ? ip : "(" + field + ")";
        PodInfo.Builder b = PodInfo.builder(ns, podName);
        boolean ownLabels = raw.get("labels") instanceof Map<?, ?>;
        boolean ownPorts = raw.get("ports") instanceof List<?>;
        known.ifPresent(
                p -> {
                    b.hostIp(p.hostIp()).node(p.node()).workload(p.workload());
                    if (!ownLabels) {
                        b.labels(p.labels());
                    }
                    if (!ownPorts) {
                        p.namedPorts().forEach(np -> b.port(np.name(), np.port(), np.protocol()));
                    }
                });
        if (!ip.isEmpty()) {
            b.ip(ip);
        }
        if (raw.get("labels") instanceof Map<?, ?> labels) {
            b.labels(strings(labels));
        }
        if (raw.get("hostIp") != null) {
            b.hostIp(str(raw.get("hostIp")));
        }
        if (raw.get("ports") instanceof List<?> ports) {
            for (Object o : ports) {
                if (o instanceof Map<?, ?> p && p.get("port") instanceof Number n) {
                    b.port(str(p.get("name")), n.intValue(), str(p.get("protocol")));
                }
            }
        }
        Map<String, String> nsLabels =
                raw.get("namespaceLabels") instanceof Map<?, ?> l
                        ? strings(l)
                        : inventory.namespaceLabels(ns);
        return new FlowEndpoint(ip, b.build(), nsLabels);
    }

    private static Optional<PodInfo> lookup(PodInventory inventory, String ip, long t) {
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        if (t != Long.MIN_VALUE) {
            return inventory.byIp(ip, t);
        }
        return inventory.pods().stream()
                .filter(p -> !p.hostNetwork() && p.ips().contains(ip))
                .reduce((a, b) -> b.startMillis() >= a.startMillis() ? b : a);
    }

    private static Map<String, String> strings(Map<?, ?> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}

package io.netinsights.assistant.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The evaluation's own Java reading of Kubernetes NetworkPolicy (the subset the netpol-impact
 * template documents: pod and namespace selectors with matchLabels and matchExpressions, IPv4
 * ipBlock with except, numeric ports with protocol and endPort, Ingress and Egress), used to
 * compute which observed flows the policies would deny.
 */
final class NetpolModel {
    /** One side of a flow. */
    record Side(String pod, String ns, Map<String, String> labels, String ip) {}

    private final List<JsonNode> policies;

    NetpolModel(List<JsonNode> policies) {
        this.policies = List.copyOf(policies);
    }

    /** Whether the flow src -> dst:port/l4 would be denied at either end. */
    boolean denied(Side src, Side dst, String port, String l4) {
        return (dst.pod() != null && "deny".equals(verdict(dst, src, port, l4, "Ingress")))
                || (src.pod() != null && "deny".equals(verdict(src, dst, port, l4, "Egress")));
    }

    private String verdict(Side pod, Side other, String port, String l4, String type) {
        boolean selected = false;
        for (JsonNode p : policies) {
            String ns = p.path("metadata").path("namespace").asText("default");
            JsonNode spec = p.path("spec");
            if (!ns.equals(pod.ns())
                    || !types(spec).contains(type)
                    || !selects(spec.path("podSelector"), pod.labels())) {
                continue;
            }
            selected = true;
            for (JsonNode rule : spec.path(type.equals("Ingress") ? "ingress" : "egress")) {
                JsonNode peers = rule.path(type.equals("Ingress") ? "from" : "to");
                boolean peerOk = peers.size() == 0;
                for (JsonNode peer : peers) {
                    peerOk |= peer(peer, other, ns);
                }
                if (peerOk && ports(rule.path("ports"), port, l4)) {
                    return "allow";
                }
            }
        }
        return selected ? "deny" : "open";
    }

    private static List<String> types(JsonNode spec) {
        if (spec.has("policyTypes")) {
            java.util.List<String> out = new java.util.ArrayList<>();
            spec.path("policyTypes").forEach(t -> out.add(t.asText()));
            return out;
        }
        return spec.has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean selects(JsonNode sel, Map<String, String> labels) {
        Iterator<Map.Entry<String, JsonNode>> it = sel.path("matchLabels").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode x : sel.path("matchExpressions")) {
            String key = x.path("key").asText();
            boolean has = labels.containsKey(key);
            boolean in = false;
            for (JsonNode v : x.path("values")) {
                in |= has && v.asText().equals(labels.get(key));
            }
            String op = x.path("operator").asText();
            if ((op.equals("In") && !in)
                    || (op.equals("NotIn") && in)
                    || (op.equals("Exists") && !has)
                    || (op.equals("DoesNotExist") && has)) {
                return false;
            }
        }
        return true;
    }

    private static boolean peer(JsonNode peer, Side other, String policyNs) {
        if (peer.has("ipBlock")) {
            for (JsonNode ex : peer.path("ipBlock").path("except")) {
                if (inCidr(other.ip(), ex.asText())) {
                    return false;
                }
            }
            return inCidr(other.ip(), peer.path("ipBlock").path("cidr").asText());
        }
        if (other.pod() == null) {
            return false;
        }
        boolean nsOk =
                peer.has("namespaceSelector")
                        ? selects(
                                peer.path("namespaceSelector"),
                                Map.of("kubernetes.io/metadata.name", other.ns()))
                        : other.ns().equals(policyNs);
        return nsOk && selects(peer.path("podSelector"), other.labels());
    }

    private static boolean ports(JsonNode ports, String port, String l4) {
        if (ports.size() == 0) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.path("protocol").asText("TCP").equalsIgnoreCase(l4)) {
                continue;
            }
            if (!p.has("port")) {
                return true;
            }
            if (p.path("port").asText().equals(port)) {
                return true;
            }
            if (p.has("endPort") && port.matches("\\d+")) {
                int n = Integer.parseInt(port);
                if (n >= p.path("port").asInt() && n <= p.path("endPort").asInt()) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean inCidr(String ip, String cidr) {
        long n = ipv4(ip);
        String[] parts = cidr.split("/");
        long base = ipv4(parts[0]);
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        if (n < 0 || base < 0) {
            return false;
        }
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (n & mask) == (base & mask);
    }

    private static long ipv4(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4) {
            return -1;
        }
        long n = 0;
        for (String s : p) {
            if (!s.matches("\\d{1,3}")) {
                return -1;
            }
            n = n * 256 + Integer.parseInt(s);
        }
        return n;
    }
}

package io.netinsights.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks the API server makes on a NetworkPolicy, so that a candidate policy that could not be
 * applied is reported instead of evaluated; and the defaults it fills in (namespace, inferred
 * {@code policyTypes}).
 */
final class PolicyValidation {
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    private PolicyValidation() {}

    static String namespace(NetworkPolicy p) {
        String ns = p.getMetadata() == null ? null : p.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }

    /**
     * {@code spec.policyTypes}, or when absent the API's default: Ingress always, and Egress when
     * the policy has egress rules.
     */
    static List<String> types(NetworkPolicy p) {
        NetworkPolicySpec spec = p.getSpec();
        if (spec.getPolicyTypes() != null && !spec.getPolicyTypes().isEmpty()) {
            return spec.getPolicyTypes();
        }
        return spec.getEgress() != null && !spec.getEgress().isEmpty()
                ? List.of("Ingress", "Egress")
                : List.of("Ingress");
    }

    /** Throws {@link IllegalArgumentException} with every problem found, one per line. */
    static void check(List<NetworkPolicy> policies) {
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (NetworkPolicy p : policies) {
            String name = p.getMetadata() == null ? null : p.getMetadata().getName();
            String at = name == null ? "policy #" + i : "policy " + namespace(p) + "/" + name;
            i++;
            if (name == null || name.isEmpty()) {
                errors.add(at + ": metadata.name is required");
            } else if (!seen.add(namespace(p) + "/" + name)) {
                errors.add(at + ": defined twice");
            }
            if (p.getSpec() == null) {
                errors.add(at + ": spec is required");
                continue;
            }
            spec(p.getSpec(), at, errors);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "invalid NetworkPolicy: " + String.join("\n", errors));
        }
    }

    private static void spec(NetworkPolicySpec spec, String at, List<String> errors) {
        LabelSelectors.validate(spec.getPodSelector(), at + ": spec.podSelector", errors);
        if (spec.getPolicyTypes() != null) {
            for (String t : spec.getPolicyTypes()) {
                if (!t.equals("Ingress") && !t.equals("Egress")) {
                    errors.add(at + ": spec.policyTypes must be Ingress or Egress, not " + t);
                }
            }
        }
        if (spec.getIngress() != null) {
            int r = 0;
            for (NetworkPolicyIngressRule rule : spec.getIngress()) {
                String where = at + ": spec.ingress[" + r++ + "]";
                peers(rule.getFrom(), where + ".from", errors);
                ports(rule.getPorts(), where + ".ports", errors);
            }
        }
        if (spec.getEgress() != null) {
            int r = 0;
            for (NetworkPolicyEgressRule rule : spec.getEgress()) {
                String where = at + ": spec.egress[" + r++ + "]";
                peers(rule.getTo(), where + ".to", errors);
                ports(rule.getPorts(), where + ".ports", errors);
            }
        }
    }

    private static void peers(List<NetworkPolicyPeer> peers, String at, List<String> errors) {
        if (peers == null) {
            return;
        }
        int i = 0;
        for (NetworkPolicyPeer p : peers) {
            String where = at + "[" + i++ + "]";
            boolean selector = p.getPodSelector() != null || p.getNamespaceSelector() != null;
            if (p.getIpBlock() != null && selector) {
                errors.add(
                        where
                                + ": ipBlock cannot be combined with podSelector or"
                                + " namespaceSelector");
            } else if (p.getIpBlock() == null && !selector) {
                errors.add(where + ": a peer needs podSelector, namespaceSelector or ipBlock");
            }
            LabelSelectors.validate(p.getPodSelector(), where + ".podSelector", errors);
            LabelSelectors.validate(p.getNamespaceSelector(), where + ".namespaceSelector", errors);
            if (p.getIpBlock() != null) {
                ipBlock(p.getIpBlock(), where + ".ipBlock", errors);
            }
        }
    }

    private static void ipBlock(IPBlock block, String at, List<String> errors) {
        Cidr cidr;
        try {
            cidr = Cidr.parse(block.getCidr());
        } catch (IllegalArgumentException e) {
            errors.add(at + ".cidr: " + e.getMessage());
            return;
        }
        if (block.getExcept() == null) {
            return;
        }
        for (String except : block.getExcept()) {
            try {
                if (!cidr.covers(Cidr.parse(except))) {
                    errors.add(at + ".except: " + except + " is not within " + cidr);
                }
            } catch (IllegalArgumentException e) {
                errors.add(at + ".except: " + e.getMessage());
            }
        }
    }

    private static void ports(List<NetworkPolicyPort> ports, String at, List<String> errors) {
        if (ports == null) {
            return;
        }
        int i = 0;
        for (NetworkPolicyPort p : ports) {
            String where = at + "[" + i++ + "]";
            if (!PROTOCOLS.contains(Flow.normalizeProtocol(p.getProtocol()))) {
                errors.add(where + ".protocol must be TCP, UDP or SCTP, not " + p.getProtocol());
            }
            IntOrString port = p.getPort();
            Integer number = port == null ? null : port.getIntVal();
            String name = port == null ? null : port.getStrVal();
            if (number != null && (number < 1 || number > 65535)) {
                errors.add(where + ".port must be 1..65535, not " + number);
            }
            if (name != null && !name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
                    || name != null && (name.length() > 15 || !name.matches(".*[a-z].*"))) {
                errors.add(
                        where
                                + ".port: "
                                + name
                                + " is not a valid port name (IANA service"
                                + " name: at most 15 lower-case letters, digits and '-', with a letter)");
            }
            if (p.getEndPort() != null) {
                if (number == null) {
                    errors.add(where + ".endPort needs a numeric port");
                } else if (p.getEndPort() < number || p.getEndPort() > 65535) {
                    errors.add(
                            where + ".endPort must be port.." + 65535 + ", not " + p.getEndPort());
                }
            }
        }
    }
}

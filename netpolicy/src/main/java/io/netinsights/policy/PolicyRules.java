package io.netinsights.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.List;

/**
 * Matching of one rule's peers and ports against a flow, with the semantics of the NetworkPolicy
 * API: an empty or missing {@code from}/{@code to} matches every peer, an empty or missing {@code
 * ports} every port, and a rule matches when a peer and a port both match.
 */
final class PolicyRules {
    private PolicyRules() {}

    /** Whether a rule with these peers and ports, in a policy of namespace {@code ns}, matches. */
    static boolean matches(
            String ns,
            List<NetworkPolicyPeer> peers,
            List<NetworkPolicyPort> ports,
            Flow flow,
            FlowEndpoint peer) {
        return anyPeer(ns, peers, peer) && anyPort(ports, flow);
    }

    static boolean anyPeer(String ns, List<NetworkPolicyPeer> peers, FlowEndpoint endpoint) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer p : peers) {
            if (peer(ns, p, endpoint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One peer: an {@code ipBlock} matches the address of any endpoint; selectors match only pods.
     * A {@code podSelector} alone selects pods of the policy's namespace, a {@code
     * namespaceSelector} alone every pod of the selected namespaces, and both together the pods
     * that match the pod selector in the selected namespaces.
     */
    static boolean peer(String ns, NetworkPolicyPeer p, FlowEndpoint endpoint) {
        if (p.getIpBlock() != null) {
            return ipBlock(p.getIpBlock(), endpoint.ip());
        }
        if (!endpoint.isPod()) {
            return false;
        }
        boolean nsMatch =
                p.getNamespaceSelector() != null
                        ? LabelSelectors.matches(
                                p.getNamespaceSelector(), endpoint.namespaceLabels())
                        : endpoint.pod().namespace().equals(ns);
        return nsMatch
                && (p.getPodSelector() == null
                        || LabelSelectors.matches(p.getPodSelector(), endpoint.pod().labels()));
    }

    static boolean ipBlock(IPBlock block, String ip) {
        byte[] addr = IpAddresses.tryParse(ip);
        if (addr == null || !Cidr.cached(block.getCidr()).contains(addr)) {
            return false;
        }
        if (block.getExcept() != null) {
            for (String except : block.getExcept()) {
                if (Cidr.cached(except).contains(addr)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean anyPort(List<NetworkPolicyPort> ports, Flow flow) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            if (port(p, flow)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One port entry: the protocol (TCP when absent) must be the flow's; a missing port matches
     * every port of that protocol; a number matches it (through {@code endPort} if set); a name
     * matches when the destination pod has a container port of that name and protocol whose number
     * is the flow's port.
     */
    static boolean port(NetworkPolicyPort p, Flow flow) {
        if (!Flow.normalizeProtocol(p.getProtocol()).equals(flow.protocol())) {
            return false;
        }
        IntOrString port = p.getPort();
        if (port == null || (port.getIntVal() == null && port.getStrVal() == null)) {
            return true;
        }
        if (port.getIntVal() != null) {
            int from = port.getIntVal();
            int to = p.getEndPort() != null ? p.getEndPort() : from;
            return flow.port() >= from && flow.port() <= to;
        }
        FlowEndpoint dst = flow.dst();
        if (!dst.isPod()) {
            return false;
        }
        for (NamedPort named : dst.pod().namedPorts()) {
            if (named.name().equals(port.getStrVal())
                    && named.protocol().equals(flow.protocol())
                    && named.port() == flow.port()) {
                return true;
            }
        }
        return false;
    }
}

package io.netinsights.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether observed flows would be allowed by a set of NetworkPolicy objects, with the
 * semantics of the Kubernetes NetworkPolicy API: a pod is isolated for a direction once any policy
 * of its namespace selects it with that policy type, and then only traffic that some rule of those
 * policies allows gets through (the union of allows); a flow needs both the source's egress and the
 * destination's ingress. Traffic between a pod and itself, and between a pod and its node, is
 * always allowed. Addresses that are not pods are not isolated and match only {@code ipBlock}
 * peers.
 */
public final class NetworkPolicyEvaluator {
    private final List<NetworkPolicy> policies;
    private final Map<String, List<NetworkPolicy>> byNamespace = new LinkedHashMap<>();

    private NetworkPolicyEvaluator(List<NetworkPolicy> policies) {
        this.policies = List.copyOf(policies);
        for (NetworkPolicy p : policies) {
            byNamespace
                    .computeIfAbsent(PolicyValidation.namespace(p), k -> new ArrayList<>())
                    .add(p);
        }
    }

    /**
     * An evaluator of the given policies; throws {@link IllegalArgumentException} listing every
     * problem the API server would reject (bad CIDRs, ipBlock mixed with selectors, ...).
     */
    public static NetworkPolicyEvaluator of(List<NetworkPolicy> policies) {
        PolicyValidation.check(policies);
        return new NetworkPolicyEvaluator(policies);
    }

    /** The NetworkPolicy objects in YAML or JSON text; other kinds are ignored. */
    public static NetworkPolicyEvaluator fromYaml(String text) {
        return of(KubeObjects.read(text, NetworkPolicy.class));
    }

    public List<NetworkPolicy> policies() {
        return policies;
    }

    /** {@code namespace/name} of a policy (namespace {@code default} when it has none). */
    public static String key(NetworkPolicy p) {
        return PolicyValidation.namespace(p) + "/" + p.getMetadata().getName();
    }

    /** The verdict on one flow. */
    public PolicyDecision evaluate(Flow flow) {
        return PolicyDecision.of(direction(true, flow), direction(false, flow));
    }

    private PolicyDecision.Direction direction(boolean ingress, Flow flow) {
        FlowEndpoint subject = ingress ? flow.dst() : flow.src();
        FlowEndpoint peer = ingress ? flow.src() : flow.dst();
        String side = ingress ? "destination" : "source";
        if (!subject.isPod()) {
            return PolicyDecision.Direction.open("the " + side + " is not a pod of the cluster");
        }
        PodInfo pod = subject.pod();
        if (pod.hostNetwork()) {
            return PolicyDecision.Direction.open("the " + side + " pod is on the host network");
        }
        if (peer.isPod() && peer.pod().key().equals(pod.key())) {
            return PolicyDecision.Direction.open("a pod cannot block traffic with itself");
        }
        if (!pod.hostIp().isEmpty() && pod.hostIp().equals(peer.ip())) {
            return PolicyDecision.Direction.open("traffic with the pod's own node is allowed");
        }
        List<String> selecting = new ArrayList<>();
        List<String> allowing = new ArrayList<>();
        for (NetworkPolicy p : byNamespace.getOrDefault(pod.namespace(), List.of())) {
            NetworkPolicySpec spec = p.getSpec();
            if (!PolicyValidation.types(p).contains(ingress ? "Ingress" : "Egress")
                    || !LabelSelectors.matches(spec.getPodSelector(), pod.labels())) {
                continue;
            }
            selecting.add(key(p));
            if (ingress ? ingressAllows(p, flow) : egressAllows(p, flow)) {
                allowing.add(key(p));
            }
        }
        String dir = ingress ? "ingress" : "egress";
        if (selecting.isEmpty()) {
            return PolicyDecision.Direction.open(
                    "no policy selects the " + side + " pod for " + dir);
        }
        boolean allowed = !allowing.isEmpty();
        String reason =
                allowed
                        ? "allowed by an " + dir + " rule of " + String.join(", ", allowing)
                        : "no " + dir + " rule of " + String.join(", ", selecting) + " allows it";
        return new PolicyDecision.Direction(true, allowed, selecting, allowing, reason);
    }

    private static boolean ingressAllows(NetworkPolicy p, Flow flow) {
        String ns = PolicyValidation.namespace(p);
        List<NetworkPolicyIngressRule> rules = p.getSpec().getIngress();
        if (rules != null) {
            for (NetworkPolicyIngressRule r : rules) {
                if (PolicyRules.matches(ns, r.getFrom(), r.getPorts(), flow, flow.src())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean egressAllows(NetworkPolicy p, Flow flow) {
        String ns = PolicyValidation.namespace(p);
        List<NetworkPolicyEgressRule> rules = p.getSpec().getEgress();
        if (rules != null) {
            for (NetworkPolicyEgressRule r : rules) {
                if (PolicyRules.matches(ns, r.getTo(), r.getPorts(), flow, flow.dst())) {
                    return true;
                }
            }
        }
        return false;
    }
}

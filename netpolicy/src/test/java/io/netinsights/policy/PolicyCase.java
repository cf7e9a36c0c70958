package io.netinsights.policy;

import static io.netinsights.policy.TestingCluster.np;

/**
 * One row of the evaluator's semantics table: the rule of the Kubernetes NetworkPolicy
 * documentation it checks, the candidate policies, the flow and the expected verdict.
 */
record PolicyCase(String rule, String policies, Flow flow, boolean allowed) {
    @Override
    public String toString() {
        return rule;
    }

    static final String DENY_ALL_INGRESS = np("prod", "deny-in", "{podSelector: {}}");
    static final String DENY_ALL_EGRESS =
            np("prod", "deny-out", "{podSelector: {}, policyTypes: [Egress]}");

    static PolicyCase c(String rule, String policies, Flow flow, boolean allowed) {
        return new PolicyCase(rule, policies, flow, allowed);
    }

    static String dbIngressFrom(String from) {
        return np(
                "prod",
                "db-in",
                "{podSelector: {matchLabels: {app: db}}, ingress: [{from: " + from + "}]}");
    }

    static String dbIngressPorts(String ports) {
        return np(
                "prod",
                "db-in",
                "{podSelector: {matchLabels: {app: db}}, ingress: [{ports: " + ports + "}]}");
    }

    static String webEgressTo(String to, String ports) {
        return np(
                "prod",
                "web-out",
                "{podSelector: {matchLabels: {app: web}}, policyTypes:"
                        + " [Egress], egress: [{to: "
                        + to
                        + ", ports: "
                        + ports
                        + "}]}");
    }
}

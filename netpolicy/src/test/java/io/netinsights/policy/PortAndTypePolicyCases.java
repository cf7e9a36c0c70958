package io.netinsights.policy;

import java.util.List;

import static io.netinsights.policy.PolicyCase.DENY_ALL_EGRESS;
import static io.netinsights.policy.PolicyCase.DENY_ALL_INGRESS;
import static io.netinsights.policy.PolicyCase.c;
import static io.netinsights.policy.PolicyCase.dbIngressFrom;
import static io.netinsights.policy.PolicyCase.dbIngressPorts;
import static io.netinsights.policy.PolicyCase.webEgressTo;
import static io.netinsights.policy.TestingCluster.API;
import static io.netinsights.policy.TestingCluster.DB;
import static io.netinsights.policy.TestingCluster.GOOGLE;
import static io.netinsights.policy.TestingCluster.HOSTNET;
import static io.netinsights.policy.TestingCluster.NODE;
import static io.netinsights.policy.TestingCluster.PARTNER_V6;
import static io.netinsights.policy.TestingCluster.V6;
import static io.netinsights.policy.TestingCluster.WEB;
import static io.netinsights.policy.TestingCluster.np;
import static io.netinsights.policy.TestingCluster.tcp;
import static io.netinsights.policy.TestingCluster.udp;

/** Rows of the semantics table about ports, protocols, policy types, egress and the exceptions. */
final class PortAndTypePolicyCases {
    private PortAndTypePolicyCases() {}

    static List<PolicyCase> cases() {
        return List.of(
                c(
                        "ports: a numeric port allows that port",
                        dbIngressPorts("[{port: 5432}]"),
                        tcp(API, DB, 5432),
                        true),
                c(
                        "ports: other ports stay denied",
                        dbIngressPorts("[{port: 5432}]"),
                        tcp(API, DB, 22),
                        false),
                c(
                        "protocol defaults to TCP: a UDP flow to the port is denied",
                        dbIngressPorts("[{port: 53}]"),
                        udp(API, DB, 53),
                        false),
                c(
                        "protocol UDP allows UDP to the port",
                        dbIngressPorts("[{port: 53, protocol: UDP}]"),
                        udp(API, DB, 53),
                        true),
                c(
                        "protocol SCTP is a protocol of its own",
                        dbIngressPorts("[{protocol: SCTP}]"),
                        new Flow(API, DB, 9000, "SCTP"),
                        true),
                c(
                        "a port entry without a port allows every port of its protocol",
                        dbIngressPorts("[{protocol: TCP}]"),
                        tcp(API, DB, 31337),
                        true),
                c(
                        "endPort: the range port..endPort is inclusive",
                        dbIngressPorts("[{port: 32000, endPort: 32768}]"),
                        tcp(API, DB, 32768),
                        true),
                c(
                        "endPort: a port above the range is denied",
                        dbIngressPorts("[{port: 32000, endPort: 32768}]"),
                        tcp(API, DB, 32769),
                        false),
                c(
                        "a named port is resolved from the destination pod's container ports",
                        dbIngressPorts("[{port: postgres}]"),
                        tcp(API, DB, 5432),
                        true),
                c(
                        "a named port matches only the port number the pod gives it",
                        dbIngressPorts("[{port: postgres}]"),
                        tcp(API, DB, 5433),
                        false),
                c(
                        "a named port must also have the rule's protocol on the pod",
                        dbIngressPorts("[{port: dns}]"),
                        tcp(API, DB, 53),
                        false),
                c(
                        "from and ports of one rule must both match",
                        np(
                                "prod",
                                "db-in",
                                "{podSelector: {matchLabels: {app: db}}, ingress:"
                                        + " [{from: [{podSelector: {matchLabels: {app: web}}}],"
                                        + " ports: [{port: 5432}]}]}"),
                        tcp(WEB, DB, 22),
                        false),
                c(
                        "policies are additive: a flow allowed by any selecting policy is allowed",
                        dbIngressFrom("[{podSelector: {matchLabels: {app: cache}}}]")
                                + np(
                                        "prod",
                                        "db-web",
                                        "{podSelector: {matchLabels: {app: db}},"
                                                + " ingress: [{from: [{podSelector: {matchLabels:"
                                                + " {app: web}}}]}]}"),
                        tcp(WEB, DB, 5432),
                        true),
                c(
                        "a deny-all policy does not subtract from another policy's allow",
                        DENY_ALL_INGRESS + dbIngressFrom("[{namespaceSelector: {}}]"),
                        tcp(API, DB, 5432),
                        true),
                c(
                        "policyTypes [Egress]: the policy does not isolate ingress",
                        np(
                                "prod",
                                "egress-only",
                                "{podSelector: {}, policyTypes: [Egress],"
                                        + " ingress: [{from: [{podSelector: {matchLabels: {app: x}}}]}]}"),
                        tcp(API, DB, 5432),
                        true),
                c(
                        "policyTypes absent: Egress is inferred when egress rules exist",
                        np(
                                "prod",
                                "web-out",
                                "{podSelector: {matchLabels: {app: web}},"
                                        + " egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]}"),
                        tcp(WEB, API, 80),
                        false),
                c(
                        "policyTypes absent without egress rules: egress is not isolated",
                        np("prod", "web-in", "{podSelector: {matchLabels: {app: web}}}"),
                        tcp(WEB, GOOGLE, 443),
                        true),
                c(
                        "default deny egress: policyTypes [Egress] and no egress rules",
                        DENY_ALL_EGRESS,
                        tcp(WEB, GOOGLE, 443),
                        false),
                c(
                        "egress to a namespace by selector on the DNS port",
                        webEgressTo(
                                "[{namespaceSelector: {matchLabels: {env: dev}}}]",
                                "[{port: 53, protocol: UDP}]"),
                        udp(WEB, API, 53),
                        true),
                c(
                        "egress to outside the cluster needs an ipBlock",
                        webEgressTo("[{namespaceSelector: {}}]", "[]"),
                        tcp(WEB, GOOGLE, 443),
                        false),
                c(
                        "egress to an ipBlock allows the external destination",
                        webEgressTo("[{ipBlock: {cidr: 8.8.8.0/24}}]", "[{port: 443}]"),
                        tcp(WEB, GOOGLE, 443),
                        true),
                c(
                        "egress named ports resolve on the destination pod",
                        webEgressTo("[{podSelector: {}}]", "[{port: postgres}]"),
                        tcp(WEB, DB, 5432),
                        true),
                c(
                        "a named port never matches a destination outside the cluster",
                        webEgressTo("[{ipBlock: {cidr: 0.0.0.0/0}}]", "[{port: https}]"),
                        tcp(WEB, GOOGLE, 443),
                        false),
                c(
                        "a flow needs the source's egress and the destination's ingress",
                        webEgressTo("[{podSelector: {}}]", "[]")
                                + dbIngressFrom("[]")
                                        .replace("ingress: [{from: []}]", "ingress: []"),
                        tcp(WEB, DB, 5432),
                        false),
                c(
                        "a pod cannot block traffic with itself",
                        DENY_ALL_INGRESS + DENY_ALL_EGRESS,
                        tcp(WEB, WEB, 8080),
                        true),
                c(
                        "traffic from the pod's node is always allowed",
                        DENY_ALL_INGRESS,
                        tcp(NODE, WEB, 8080),
                        true),
                c(
                        "traffic to the pod's node is always allowed",
                        DENY_ALL_EGRESS,
                        tcp(WEB, NODE, 10250),
                        true),
                c(
                        "host-network pods are not isolated by NetworkPolicy",
                        DENY_ALL_INGRESS,
                        tcp(API, HOSTNET, 9100),
                        true),
                c(
                        "default deny ingress covers IPv6 traffic too",
                        DENY_ALL_INGRESS,
                        tcp(PARTNER_V6, V6, 80),
                        false));
    }
}

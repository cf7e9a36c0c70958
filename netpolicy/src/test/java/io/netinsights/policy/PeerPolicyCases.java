package io.netinsights.policy;

import java.util.List;

import static io.netinsights.policy.PolicyCase.DENY_ALL_INGRESS;
import static io.netinsights.policy.PolicyCase.c;
import static io.netinsights.policy.PolicyCase.dbIngressFrom;
import static io.netinsights.policy.TestingCluster.API;
import static io.netinsights.policy.TestingCluster.CACHE;
import static io.netinsights.policy.TestingCluster.DB;
import static io.netinsights.policy.TestingCluster.DEV_WEB;
import static io.netinsights.policy.TestingCluster.GOOGLE;
import static io.netinsights.policy.TestingCluster.MAPPED;
import static io.netinsights.policy.TestingCluster.PARTNER;
import static io.netinsights.policy.TestingCluster.PARTNER_V6;
import static io.netinsights.policy.TestingCluster.TOOL;
import static io.netinsights.policy.TestingCluster.WEB;
import static io.netinsights.policy.TestingCluster.np;
import static io.netinsights.policy.TestingCluster.tcp;

/** Rows of the semantics table about isolation, selectors and ipBlock peers. */
final class PeerPolicyCases {
    private PeerPolicyCases() {}

    static List<PolicyCase> cases() {
        return List.of(
                c(
                        "non-isolated by default: without policies every flow is allowed",
                        "",
                        tcp(API, DB, 5432),
                        true),
                c(
                        "empty podSelector selects all pods of the namespace: default deny ingress",
                        DENY_ALL_INGRESS,
                        tcp(WEB, DB, 5432),
                        false),
                c(
                        "a policy only selects pods of its own namespace",
                        DENY_ALL_INGRESS,
                        tcp(WEB, API, 80),
                        true),
                c(
                        "pods not selected by any policy keep accepting all traffic",
                        dbIngressFrom("[]"),
                        tcp(API, CACHE, 6379),
                        true),
                c(
                        "an empty from matches all sources (allow all ingress)",
                        DENY_ALL_INGRESS
                                + np("prod", "allow-all", "{podSelector: {}, ingress: [{}]}"),
                        tcp(GOOGLE, DB, 5432),
                        true),
                c(
                        "podSelector peer alone selects pods in the policy's namespace only",
                        dbIngressFrom("[{podSelector: {matchLabels: {app: web}}}]"),
                        tcp(DEV_WEB, DB, 5432),
                        false),
                c(
                        "podSelector peer allows a matching pod of the same namespace",
                        dbIngressFrom("[{podSelector: {matchLabels: {app: web}}}]"),
                        tcp(WEB, DB, 5432),
                        true),
                c(
                        "namespaceSelector peer alone selects all pods of the matching namespaces",
                        dbIngressFrom("[{namespaceSelector: {matchLabels: {env: dev}}}]"),
                        tcp(API, DB, 5432),
                        true),
                c(
                        "namespaceSelector and podSelector in one peer: both must match (AND)",
                        dbIngressFrom(
                                "[{namespaceSelector: {matchLabels: {env: dev}},"
                                        + " podSelector: {matchLabels: {app: web}}}]"),
                        tcp(API, DB, 5432),
                        false),
                c(
                        "namespaceSelector and podSelector in one peer: a pod matching both is allowed",
                        dbIngressFrom(
                                "[{namespaceSelector: {matchLabels: {env: dev}},"
                                        + " podSelector: {matchLabels: {app: web}}}]"),
                        tcp(DEV_WEB, DB, 5432),
                        true),
                c(
                        "two peers in the from list are alternatives (OR)",
                        dbIngressFrom(
                                "[{namespaceSelector: {matchLabels: {env: dev}}},"
                                        + " {podSelector: {matchLabels: {app: web}}}]"),
                        tcp(API, DB, 5432),
                        true),
                c(
                        "an empty namespaceSelector selects pods of every namespace",
                        dbIngressFrom("[{namespaceSelector: {}}]"),
                        tcp(TOOL, DB, 5432),
                        true),
                c(
                        "namespaces carry the kubernetes.io/metadata.name label",
                        dbIngressFrom(
                                "[{namespaceSelector: {matchLabels:"
                                        + " {kubernetes.io/metadata.name: other}}}]"),
                        tcp(TOOL, DB, 5432),
                        true),
                c(
                        "matchExpressions In: the label value must be in the set",
                        dbIngressFrom(
                                "[{namespaceSelector: {matchExpressions: [{key: env,"
                                        + " operator: In, values: [dev, test]}]}}]"),
                        tcp(API, DB, 5432),
                        true),
                c(
                        "matchExpressions NotIn also matches objects without the key",
                        dbIngressFrom(
                                "[{namespaceSelector: {matchExpressions: [{key: env,"
                                        + " operator: NotIn, values: [dev]}]}}]"),
                        tcp(TOOL, DB, 5432),
                        true),
                c(
                        "matchExpressions Exists needs the key, whatever its value",
                        dbIngressFrom(
                                "[{namespaceSelector: {matchExpressions: [{key: env,"
                                        + " operator: Exists}]}}]"),
                        tcp(TOOL, DB, 5432),
                        false),
                c(
                        "matchExpressions DoesNotExist needs the key to be absent",
                        dbIngressFrom(
                                "[{podSelector: {matchExpressions: [{key: role,"
                                        + " operator: DoesNotExist}]}}]"),
                        tcp(CACHE, DB, 5432),
                        true),
                c(
                        "matchLabels and matchExpressions are ANDed",
                        dbIngressFrom(
                                "[{podSelector: {matchLabels: {app: web},"
                                        + " matchExpressions: [{key: role, operator: NotIn,"
                                        + " values: [frontend]}]}}]"),
                        tcp(WEB, DB, 5432),
                        false),
                c(
                        "ipBlock allows sources whose IP is in the CIDR",
                        dbIngressFrom("[{ipBlock: {cidr: 203.0.113.0/24}}]"),
                        tcp(PARTNER, DB, 5432),
                        true),
                c(
                        "ipBlock except removes a range from the CIDR",
                        dbIngressFrom(
                                "[{ipBlock: {cidr: 203.0.113.0/24,"
                                        + " except: [203.0.113.0/28]}}]"),
                        tcp(PARTNER, DB, 5432),
                        false),
                c(
                        "ipBlock with an IPv6 CIDR",
                        dbIngressFrom("[{ipBlock: {cidr: '2001:db8::/32'}}]"),
                        tcp(PARTNER_V6, DB, 5432),
                        true),
                c(
                        "an IPv4 address never matches an IPv6 CIDR",
                        dbIngressFrom("[{ipBlock: {cidr: '::/0'}}]"),
                        tcp(PARTNER, DB, 5432),
                        false),
                c(
                        "an IPv4-mapped IPv6 address matches the IPv4 CIDR",
                        dbIngressFrom("[{ipBlock: {cidr: 203.0.113.0/24}}]"),
                        tcp(MAPPED, DB, 5432),
                        true),
                c(
                        "traffic from outside the cluster is only matched by ipBlock",
                        dbIngressFrom("[{namespaceSelector: {}}, {podSelector: {}}]"),
                        tcp(GOOGLE, DB, 5432),
                        false),
                c(
                        "ipBlock also matches a pod's IP",
                        dbIngressFrom("[{ipBlock: {cidr: 10.0.2.0/24}}]"),
                        tcp(API, DB, 5432),
                        true));
    }
}

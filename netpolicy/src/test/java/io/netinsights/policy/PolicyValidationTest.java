package io.netinsights.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.netinsights.policy.TestingCluster.np;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Candidate policies the API server would reject are reported, with where and why. */
class PolicyValidationTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]}"
                        + "| ipBlock cannot be combined",
                "{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/24]}}]}]}"
                        + "| is not within 10.0.0.0/8",
                "{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.300/8}}]}]}"
                        + "| not an IP address",
                "{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]}"
                        + "| prefix must be 0..32",
                "{podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]}"
                        + "| endPort needs a numeric port",
                "{podSelector: {}, ingress: [{ports: [{port: 100, endPort: 90}]}]}"
                        + "| endPort must be port..",
                "{podSelector: {}, ingress: [{ports: [{port: 80, protocol: ICMP}]}]}"
                        + "| protocol must be TCP, UDP or SCTP",
                "{podSelector: {matchExpressions: [{key: a, operator: Equals, values: [b]}]}}"
                        + "| operator must be In, NotIn, Exists or DoesNotExist",
                "{podSelector: {matchExpressions: [{key: a, operator: In}]}}"
                        + "| needs at least one value",
                "{podSelector: {}, policyTypes: [Inbound]}| policyTypes must be Ingress or Egress",
                "{podSelector: {}, egress: [{to: [{}]}]}| a peer needs podSelector",
            })
    void rejects(String spec, String message) {
        assertThatThrownBy(() -> NetworkPolicyEvaluator.fromYaml(np("prod", "bad", spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy prod/bad")
                .hasMessageContaining(message.trim());
    }

    @Test
    void aPolicyWithoutNamespaceIsInDefaultAndDuplicatesAreRejected() {
        String doc =
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\n"
                        + "spec: {podSelector: {}}\n";
        NetworkPolicyEvaluator e = NetworkPolicyEvaluator.fromYaml(doc);
        assertThat(NetworkPolicyEvaluator.key(e.policies().get(0))).isEqualTo("default/x");
        assertThatThrownBy(() -> NetworkPolicyEvaluator.fromYaml(doc + "---\n" + doc))
                .hasMessageContaining("defined twice");
    }

    @Test
    void otherKindsInThePoliciesFileAreIgnored() {
        String text =
                np("prod", "a", "{podSelector: {}}")
                        + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
        assertThat(NetworkPolicyEvaluator.fromYaml(text).policies()).hasSize(1);
    }
}

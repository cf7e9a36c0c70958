package io.netinsights.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table-driven semantics of the evaluator: each case ({@link PeerPolicyCases}, {@link
 * PortAndTypePolicyCases}) names the rule of the Kubernetes NetworkPolicy documentation (concepts
 * page and API reference) that it checks.
 */
class NetworkPolicyEvaluatorTest {

    static List<PolicyCase> cases() {
        List<PolicyCase> all = new ArrayList<>(PeerPolicyCases.cases());
        all.addAll(PortAndTypePolicyCases.cases());
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(PolicyCase c) {
        NetworkPolicyEvaluator evaluator = NetworkPolicyEvaluator.fromYaml(c.policies());
        PolicyDecision d = evaluator.evaluate(c.flow());
        assertThat(d.allowed()).as(c.rule() + ": " + d).isEqualTo(c.allowed());
        assertThat(d.ingress().reason()).isNotBlank();
        assertThat(d.egress().reason()).isNotBlank();
        if (!d.allowed()) {
            PolicyDecision.Direction denied = d.ingress().denied() ? d.ingress() : d.egress();
            assertThat(denied.isolated()).isTrue();
            assertThat(denied.policies()).isNotEmpty();
            assertThat(denied.allowedBy()).isEmpty();
        }
    }

    @Test
    void thereAreAtLeastThirtyCasesWithDistinctRules() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases().stream().map(PolicyCase::rule).distinct().count())
                .isEqualTo(cases().size());
    }
}

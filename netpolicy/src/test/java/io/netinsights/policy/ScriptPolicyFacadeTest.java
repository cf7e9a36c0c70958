package io.netinsights.policy;

import io.netinsights.schemas.json.ItemJson;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.netinsights.policy.TestingCluster.np;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON contract of the {@code policy} script helper, on flows and on items. */
class ScriptPolicyFacadeTest {
    private static final String POLICIES =
            np(
                            "shop",
                            "db-from-web",
                            "{podSelector: {matchLabels: {app: db}}, ingress: [{from:"
                                    + " [{podSelector: {matchLabels: {app: web}}}], ports: [{port: postgres}]}]}")
                    + np(
                            "shop",
                            "web-egress",
                            "{podSelector: {matchLabels: {app: web}},"
                                    + " policyTypes: [Egress], egress: [{to: [{namespaceSelector: {matchLabels:"
                                    + " {env: prod}}}]}]}");

    private static ScriptPolicyFacade facade() throws Exception {
        return ScriptPolicyFacade.of(
                POLICIES, Files.readString(Path.of("src/test/resources/pods.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return ItemJson.parseObject(json);
    }

    @Test
    void aFlowBetweenInventoryPodsByIpIsEvaluatedWithNamedPorts() throws Exception {
        Map<String, Object> out =
                parse(
                        facade().evaluate(
                                        "{\"src\":{\"ip\":\"10.244.1.5\"},\"dst\":{\"ip\":\"10.244.2.7\"},"
                                                + "\"port\":5432}"));
        assertThat(out)
                .containsEntry("allowed", true)
                .containsEntry("flow", "shop/web-5d8f7c9b6-x2k4p -> shop/db-0:5432/tcp");
        assertThat((Map<String, Object>) out.get("ingress"))
                .containsEntry("isolated", true)
                .containsEntry("policies", List.of("shop/db-from-web"))
                .containsEntry("allowedBy", List.of("shop/db-from-web"));
        assertThat((Map<String, Object>) out.get("egress"))
                .containsEntry("allowedBy", List.of("shop/web-egress"));
    }

    @Test
    void anExplicitPodWithLabelsAndAnExternalDestination() throws Exception {
        ScriptPolicyFacade f = facade();
        String toInternet =
                "{\"src\":{\"namespace\":\"shop\",\"name\":\"web-5d8f7c9b6-x2k4p\"},"
                        + "\"dst\":{\"ip\":\"1.1.1.1\"},\"port\":443,\"protocol\":\"TCP\"}";
        assertThat(f.allowed(toInternet)).isFalse();
        Map<String, Object> out = parse(f.evaluate(toInternet));
        assertThat((Map<String, Object>) out.get("egress"))
                .containsEntry("allowed", false)
                .containsEntry("reason", "no egress rule of shop/web-egress allows it");
        String fromOther =
                "{\"src\":{\"namespace\":\"shop\",\"labels\":{\"app\":\"worker\"}},"
                        + "\"dst\":{\"namespace\":\"shop\",\"labels\":{\"app\":\"db\"},"
                        + "\"ports\":[{\"name\":\"postgres\",\"port\":5432}]},\"port\":5432}";
        assertThat(f.allowed(fromOther)).isFalse();
        assertThat(f.list()).isEqualTo("[\"shop/db-from-web\",\"shop/web-egress\"]");
    }

    @Test
    void anItemIsResolvedThroughTheInventoryAtItsTimestamp() throws Exception {
        String item =
                "{\"id\":\"1\",\"timestamp\":1767226200000,\"protocol\":{\"name\":\"http\","
                        + "\"layer4\":\"tcp\"},\"src\":{\"ip\":\"10.244.1.5\",\"port\":\"40000\"},"
                        + "\"dst\":{\"ip\":\"10.244.2.7\",\"port\":\"5433\"}}";
        Map<String, Object> out = parse(facade().evaluate(item));
        assertThat(out)
                .containsEntry("allowed", false)
                .containsEntry("flow", "shop/web-5d8f7c9b6-x2k4p -> shop/db-0:5433/tcp");
    }

    @Test
    void badInputSaysWhy() {
        assertThatThrownBy(() -> facade().evaluate("[1]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> facade().evaluate("{\"src\":1,\"dst\":{}}"))
                .hasMessageContaining("'src' must be an object");
    }
}

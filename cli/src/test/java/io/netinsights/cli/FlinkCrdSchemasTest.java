package io.netinsights.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's CRD schemas reject what the API server would: wrong types, unknown fields (also
 * deep in a pod template), values outside an enum; and accept the shipped manifests.
 */
class FlinkCrdSchemasTest {
    static final FlinkCrdSchemas CRDS = FlinkCrdSchemas.load();

    static final String SESSION_JOB =
            "apiVersion: flink.apache.org/v1beta1\n"
                    + "kind: FlinkSessionJob\n"
                    + "metadata: {name: j}\n"
                    + "spec:\n"
                    + "  deploymentName: d\n"
                    + "  job: {jarURI: 's3://b/j.jar', parallelism: 2, upgradeMode: savepoint}\n";

    @Test
    void aValidSessionJobPasses() {
        assertThat(CRDS.validate(DeployManifests.tree(SESSION_JOB))).isEmpty();
    }

    @Test
    void unknownFieldsAreRejected() {
        assertThat(validate(SESSION_JOB.replace("jarURI", "jarUri")))
                .anyMatch(p -> p.contains("jarUri"));
        assertThat(validate(SESSION_JOB.replace("deploymentName", "deployment")))
                .anyMatch(p -> p.contains("deployment"));
        assertThat(validate(SESSION_JOB.replace("metadata: {name: j}", "metadata: {}")))
                .anyMatch(p -> p.contains("name"));
    }

    @Test
    void wrongTypesAndEnumValuesAreRejected() {
        assertThat(validate(SESSION_JOB.replace("parallelism: 2", "parallelism: two")))
                .anyMatch(p -> p.contains("parallelism") && p.contains("integer"));
        assertThat(validate(SESSION_JOB.replace("savepoint", "snapshot")))
                .anyMatch(p -> p.contains("upgradeMode"));
        assertThat(validate(SESSION_JOB.replace("kind: FlinkSessionJob", "kind: FlinkJob")))
                .anyMatch(p -> p.contains("kind"));
    }

    @Test
    void theSessionClusterBreaksWhereTheOperatorWouldRejectIt() throws IOException {
        String session =
                Files.readString(DeployManifestsTest.DEPLOY_DIR.resolve("flink-session.yaml"));
        assertThat(validate(session)).isEmpty();
        // flinkConfiguration is a map of strings: an unquoted number is rejected.
        assertThat(validate(session.replace("\"2\"", "2")))
                .anyMatch(p -> p.contains("taskmanager.numberOfTaskSlots"));
        assertThat(validate(session.replace("memory: 2048m", "memry: 2048m")))
                .anyMatch(p -> p.contains("memry"));
        assertThat(validate(session.replace("- name: ENABLE_BUILT_IN_PLUGINS", "- nme: X")))
                .anyMatch(p -> p.contains("nme"));
        assertThat(validate(session.replace("mode: native", "mode: embedded")))
                .anyMatch(p -> p.contains("mode"));
    }

    @Test
    void flinkVersionAcceptsTheOneTwoAndTwoXValuesOnly() throws IOException {
        String session =
                Files.readString(DeployManifestsTest.DEPLOY_DIR.resolve("flink-session.yaml"));
        for (String v : List.of("v1_20", "v2_0", "v2_1", "v2_2")) {
            assertThat(validate(session.replace("flinkVersion: v2_2", "flinkVersion: " + v)))
                    .as(v)
                    .isEmpty();
        }
        assertThat(validate(session.replace("flinkVersion: v2_2", "flinkVersion: v3_0")))
                .anyMatch(p -> p.contains("flinkVersion"));
    }

    private static List<String> validate(String yaml) {
        Map<String, Object> tree = DeployManifests.tree(yaml);
        return CRDS.validate(tree);
    }
}

package io.netinsights.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses every manifest in {@code flink-deploy/} into fabric8 model objects: core kinds into typed
 * classes with no unknown fields, Flink operator kinds into generic resources validated against the
 * operator's CRD schemas ({@link FlinkCrdSchemas}), and Strimzi's KafkaTopic against the
 * hand-written checks of {@link DeployCrdChecks}.
 */
class DeployManifestsTest {
    static final Path DEPLOY_DIR = Path.of("..", "flink-deploy");

    static final Map<String, Class<? extends HasMetadata>> CORE_KINDS =
            Map.of(
                    "Namespace", Namespace.class,
                    "ServiceAccount", ServiceAccount.class,
                    "ClusterRole", ClusterRole.class,
                    "ClusterRoleBinding", ClusterRoleBinding.class,
                    "DaemonSet", DaemonSet.class);

    @Test
    void everyManifestParsesAndValidates() throws IOException {
        List<String> seen = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (String doc : DeployManifests.documents(Files.readString(file))) {
                String label = file.getFileName() + ": " + doc.lines().findFirst().orElse("");
                Map<String, Object> tree = DeployManifests.tree(doc);
                String kind = (String) tree.get("kind");
                assertThat(kind).as(label).isNotNull();
                List<String> problems = validate(kind, doc, tree);
                assertThat(problems).as(file.getFileName() + " " + kind).isEmpty();
                seen.add(kind + "/" + DeployManifests.name(tree));
            }
        }
        assertThat(seen)
                .contains(
                        "FlinkDeployment/netinsights-session",
                        "FlinkSessionJob/sample-script",
                        "DaemonSet/capture-shipper",
                        "ServiceAccount/capture-shipper",
                        "ClusterRole/netinsights-capture-shipper",
                        "ClusterRoleBinding/netinsights-capture-shipper",
                        "KafkaTopic/items",
                        "KafkaTopic/pod-events",
                        "KafkaTopic/console",
                        "KafkaTopic/reports",
                        "KafkaTopic/dead-letters");
    }

    @Test
    void shipperDaemonSetHasCaptureEssentials() throws IOException {
        DaemonSet ds =
                Serialization.unmarshal(
                        Files.readString(DEPLOY_DIR.resolve("shipper-daemonset.yaml")),
                        DaemonSet.class);
        var pod = ds.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo("capture-shipper");
        var c = pod.getContainers().get(0);
        assertThat(c.getArgs()).startsWith("--iface", "any", "--kafka");
        assertThat(c.getSecurityContext().getCapabilities().getAdd())
                .contains("NET_RAW", "NET_ADMIN");
        assertThat(c.getEnv())
                .anySatisfy(
                        e -> {
                            assertThat(e.getName()).isEqualTo("NODE_NAME");
                            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                                    .isEqualTo("spec.nodeName");
                        });
    }

    @Test
    void sessionClusterLoadsGraalParentFirst() throws IOException {
        GenericKubernetesResource fd =
                Serialization.unmarshal(
                        Files.readString(DEPLOY_DIR.resolve("flink-session.yaml")),
                        GenericKubernetesResource.class);
        Map<String, Object> conf = fd.get("spec", "flinkConfiguration");
        assertThat(conf)
                .containsEntry(
                        "classloader.parent-first-patterns.additional",
                        "org.graalvm.;com.oracle.truffle.")
                .containsEntry("state.backend.type", "rocksdb");
        assertThat((String) conf.get("execution.checkpointing.dir")).startsWith("s3://");
        assertThat((String) conf.get("env.java.opts.taskmanager")).contains("-XX:+EnableJVMCI");
    }

    @Test
    void unknownFieldsAreReported() {
        String bad =
                "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\n  nmespace: typo\n";
        assertThat(
                        DeployManifests.unknownFields(
                                Serialization.unmarshal(bad, ServiceAccount.class), "$"))
                .containsExactly("$.metadata.nmespace");
        Map<String, Object> topic =
                DeployManifests.tree(
                        "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n"
                                + "  name: t\n  labels: {strimzi.io/cluster: c}\n"
                                + "spec: {partitions: 1, replicas: 1, retention: 1}\n");
        assertThat(DeployCrdChecks.checkKafkaTopic(topic)).anyMatch(p -> p.contains("retention"));
    }

    private static List<String> validate(String kind, String doc, Map<String, Object> tree) {
        Class<? extends HasMetadata> type = CORE_KINDS.get(kind);
        if (type != null) {
            return DeployManifests.unknownFields(Serialization.unmarshal(doc, type), "$");
        }
        GenericKubernetesResource generic =
                Serialization.unmarshal(doc, GenericKubernetesResource.class);
        assertThat(generic.getMetadata().getName()).isNotBlank();
        return switch (kind) {
            case "FlinkDeployment", "FlinkSessionJob" -> {
                List<String> problems = new ArrayList<>(FlinkCrdSchemasTest.CRDS.validate(tree));
                problems.addAll(podTemplateProblems(tree));
                yield problems;
            }
            case "KafkaTopic" -> DeployCrdChecks.checkKafkaTopic(tree);
            default -> List.of("no validator for kind " + kind);
        };
    }

    /** Pod templates in a FlinkDeployment are core Pods: check them with the typed class. */
    @SuppressWarnings("unchecked")
    private static List<String> podTemplateProblems(Map<String, Object> tree) {
        Map<String, Object> spec = (Map<String, Object>) tree.get("spec");
        List<String> problems = new ArrayList<>();
        for (String owner : List.of("", "jobManager", "taskManager")) {
            Map<String, Object> holder =
                    owner.isEmpty() ? spec : (Map<String, Object>) spec.get(owner);
            if (holder != null && holder.get("podTemplate") != null) {
                Map<String, Object> podMap = new java.util.LinkedHashMap<>();
                podMap.put("apiVersion", "v1");
                podMap.put("kind", "Pod");
                podMap.putAll((Map<String, Object>) holder.get("podTemplate"));
                Pod pod = Serialization.unmarshal(Serialization.asJson(podMap), Pod.class);
                problems.addAll(
                        DeployManifests.unknownFields(pod, "$.spec." + owner + "podTemplate"));
            }
        }
        return problems;
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY_DIR)) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yamls).isNotEmpty();
            return yamls;
        }
    }
}

package io.netinsights.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hand-written checks of Strimzi {@code KafkaTopic} resources (a subset of its CRD schema: known
 * spec properties, positive partitions and replicas, the cluster label), since no Strimzi CRD is on
 * the test classpath. Flink operator kinds are validated against the operator's real CRDs by {@link
 * FlinkCrdSchemas}.
 */
final class DeployCrdChecks {
    static final Set<String> TOPIC_SPEC = Set.of("partitions", "replicas", "config", "topicName");

    private DeployCrdChecks() {}

    /** Problems of a Strimzi KafkaTopic ({@code kafka.strimzi.io/v1beta2}). */
    @SuppressWarnings("unchecked")
    static List<String> checkKafkaTopic(Map<String, Object> tree) {
        List<String> p = new ArrayList<>();
        expect(p, "apiVersion", tree.get("apiVersion"), "kafka.strimzi.io/v1beta2");
        Map<String, Object> meta = map(p, tree, "metadata", "$");
        if (meta == null
                || !(meta.get("labels") instanceof Map<?, ?> labels)
                || labels.get("strimzi.io/cluster") == null) {
            p.add("$.metadata.labels must name the cluster with strimzi.io/cluster");
        }
        Map<String, Object> spec = map(p, tree, "spec", "$");
        if (spec != null) {
            known(p, spec, TOPIC_SPEC, "$.spec");
            for (String n : List.of("partitions", "replicas")) {
                if (!(spec.get(n) instanceof Integer i) || i < 1) {
                    p.add("$.spec." + n + " must be a positive integer");
                }
            }
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(
            List<String> p, Map<String, Object> in, String key, String at) {
        Object v = in.get(key);
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        p.add(at + "." + key + " must be an object");
        return null;
    }

    private static void known(
            List<String> p, Map<String, Object> m, Set<String> allowed, String at) {
        m.keySet().stream()
                .filter(k -> !allowed.contains(k))
                .forEach(k -> p.add(at + "." + k + " is not in the schema"));
    }

    private static void expect(List<String> p, String field, Object actual, String wanted) {
        if (!wanted.equals(actual)) {
            p.add("$." + field + " must be " + wanted + ", was " + actual);
        }
    }
}

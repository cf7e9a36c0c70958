package io.netinsights.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural checks of Flink operator ({@code flink.apache.org/v1beta1}) and Strimzi {@code
 * KafkaTopic} resources: a hand-written subset of their CRD openAPIV3Schemas (known properties,
 * required fields, enums, value types), because the CRD YAMLs are not available as a Maven
 * artifact.
 */
final class DeployCrdChecks {
    static final Set<String> DEPLOYMENT_SPEC =
            Set.of(
                    "job",
                    "restartNonce",
                    "flinkConfiguration",
                    "image",
                    "imagePullPolicy",
                    "serviceAccount",
                    "flinkVersion",
                    "ingress",
                    "podTemplate",
                    "jobManager",
                    "taskManager",
                    "logConfiguration",
                    "mode");
    static final Set<String> SESSION_JOB_SPEC =
            Set.of("job", "restartNonce", "flinkConfiguration", "deploymentName");
    static final Set<String> JOB_SPEC =
            Set.of(
                    "jarURI",
                    "parallelism",
                    "entryClass",
                    "args",
                    "state",
                    "savepointTriggerNonce",
                    "initialSavepointPath",
                    "checkpointTriggerNonce",
                    "upgradeMode",
                    "allowNonRestoredState",
                    "savepointRedeployNonce",
                    "autoscalerResetNonce");
    static final Set<String> PROCESS_SPEC = Set.of("resource", "replicas", "podTemplate");
    static final Set<String> RESOURCE = Set.of("cpu", "memory", "ephemeralStorage");
    static final Set<String> UPGRADE_MODES = Set.of("savepoint", "last-state", "stateless");
    static final Set<String> JOB_STATES = Set.of("running", "suspended");
    static final Set<String> MODES = Set.of("native", "standalone");
    static final Pattern FLINK_VERSION = Pattern.compile("v[12]_\\d+");
    static final Set<String> TOPIC_SPEC = Set.of("partitions", "replicas", "config", "topicName");

    private DeployCrdChecks() {}

    /** Problems of a FlinkDeployment or FlinkSessionJob; empty when it fits the schema subset. */
    @SuppressWarnings("unchecked")
    static List<String> check(Map<String, Object> tree) {
        List<String> p = new ArrayList<>();
        expect(p, "apiVersion", tree.get("apiVersion"), "flink.apache.org/v1beta1");
        boolean deployment = "FlinkDeployment".equals(tree.get("kind"));
        Map<String, Object> spec = map(p, tree, "spec", "$");
        if (spec == null) {
            return p;
        }
        known(p, spec, deployment ? DEPLOYMENT_SPEC : SESSION_JOB_SPEC, "$.spec");
        stringMap(p, spec.get("flinkConfiguration"), "$.spec.flinkConfiguration");
        if (deployment) {
            Object v = spec.get("flinkVersion");
            if (!(v instanceof String s) || !FLINK_VERSION.matcher(s).matches()) {
                p.add("$.spec.flinkVersion must be v<major>_<minor>, was " + v);
            }
            required(p, spec, "image", "$.spec");
            oneOf(p, spec.get("mode"), MODES, "$.spec.mode");
            for (String process : List.of("jobManager", "taskManager")) {
                Map<String, Object> ps = (Map<String, Object>) spec.get(process);
                if (ps != null) {
                    known(p, ps, PROCESS_SPEC, "$.spec." + process);
                    if (ps.get("resource") instanceof Map<?, ?> r) {
                        known(
                                p,
                                (Map<String, Object>) r,
                                RESOURCE,
                                "$.spec." + process + ".resource");
                    }
                }
            }
        } else {
            required(p, spec, "deploymentName", "$.spec");
        }
        Map<String, Object> job = (Map<String, Object>) spec.get("job");
        if (job != null) {
            known(p, job, JOB_SPEC, "$.spec.job");
            oneOf(p, job.get("upgradeMode"), UPGRADE_MODES, "$.spec.job.upgradeMode");
            oneOf(p, job.get("state"), JOB_STATES, "$.spec.job.state");
            if (job.get("args") != null && !(job.get("args") instanceof List<?>)) {
                p.add("$.spec.job.args must be a list of strings");
            }
        } else if (!deployment) {
            p.add("$.spec.job is required for a FlinkSessionJob");
        }
        return p;
    }

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

    private static void required(List<String> p, Map<String, Object> m, String key, String at) {
        if (m.get(key) == null) {
            p.add(at + "." + key + " is required");
        }
    }

    private static void oneOf(List<String> p, Object v, Set<String> allowed, String at) {
        if (v != null && !allowed.contains(v)) {
            p.add(at + " must be one of " + allowed + ", was " + v);
        }
    }

    private static void stringMap(List<String> p, Object v, String at) {
        if (v instanceof Map<?, ?> m) {
            m.forEach(
                    (k, val) -> {
                        if (!(val instanceof String)) {
                            p.add(at + "." + k + " must be a string (quote it), was " + val);
                        }
                    });
        } else if (v != null) {
            p.add(at + " must be a map of strings");
        }
    }

    private static void expect(List<String> p, String field, Object actual, String wanted) {
        if (!wanted.equals(actual)) {
            p.add("$." + field + " must be " + wanted + ", was " + actual);
        }
    }
}

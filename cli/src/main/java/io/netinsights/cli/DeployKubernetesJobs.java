package io.netinsights.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Script jobs as {@code FlinkSessionJob}s of the Flink Kubernetes Operator, through fabric8 generic
 * resources (the operator's typed API stops at Flink 1.20). Stopping with a savepoint suspends the
 * job ({@code upgradeMode: savepoint}); submitting the same name again resumes it from there.
 */
final class DeployKubernetesJobs {
    static final ResourceDefinitionContext SESSION_JOBS =
            new ResourceDefinitionContext.Builder()
                    .withGroup("flink.apache.org")
                    .withVersion("v1beta1")
                    .withKind("FlinkSessionJob")
                    .withPlural("flinksessionjobs")
                    .withNamespaced(true)
                    .build();
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String SCRIPT_LABEL = "netinsights.io/script";

    private final KubernetesClient client;
    private final String namespace;
    private final String sessionName;
    private final String jarUri;

    DeployKubernetesJobs(
            KubernetesClient client, String namespace, String sessionName, String jarUri) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.jarUri = Objects.requireNonNull(jarUri, "jarUri");
    }

    /** Creates the session job, or replaces the spec of an existing one and sets it running. */
    GenericKubernetesResource submit(DeployJobSpec job, int parallelism) {
        GenericKubernetesResource existing = get(job.name());
        GenericKubernetesResource desired = sessionJob(job, parallelism);
        if (existing == null) {
            return resources().resource(desired).create();
        }
        existing.setAdditionalProperty("spec", desired.getAdditionalProperties().get("spec"));
        return resources().resource(existing).update();
    }

    List<GenericKubernetesResource> list() {
        return resources().withLabel(PART_OF, "netinsights").list().getItems();
    }

    /**
     * With {@code savepoint}, suspends the job so the operator takes a savepoint and keeps the
     * resource for a later resume; without, deletes it. Returns false when there is no such job.
     */
    boolean stop(String name, boolean savepoint) {
        GenericKubernetesResource existing = get(name);
        if (existing == null) {
            return false;
        }
        if (savepoint) {
            Map<String, Object> jobSpec = existing.get("spec", "job");
            jobSpec.put("state", "suspended");
            resources().resource(existing).update();
        } else {
            resources().withName(name).delete();
        }
        return true;
    }

    GenericKubernetesResource get(String name) {
        return resources().withName(name).get();
    }

    /** One line per job: name, desired state, observed state (status.jobStatus.state). */
    static String describe(GenericKubernetesResource r) {
        Object desired = r.get("spec", "job", "state");
        Object observed = null;
        if (r.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && status.get("jobStatus") instanceof Map<?, ?> js) {
            observed = js.get("state");
        }
        return String.format(
                "%s\t%s\t%s",
                r.getMetadata().getName(), desired, observed == null ? "-" : observed);
    }

    private GenericKubernetesResource sessionJob(DeployJobSpec job, int parallelism) {
        Map<String, Object> jobSpec = new LinkedHashMap<>();
        jobSpec.put("jarURI", jarUri);
        jobSpec.put("entryClass", DeployJobSpec.ENTRY_CLASS);
        jobSpec.put("args", job.programArgs());
        jobSpec.put("parallelism", parallelism);
        jobSpec.put("upgradeMode", "savepoint");
        jobSpec.put("state", "running");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("deploymentName", sessionName);
        spec.put("job", jobSpec);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("flink.apache.org/v1beta1")
                .withKind("FlinkSessionJob")
                .withNewMetadata()
                .withName(job.name())
                .withNamespace(namespace)
                .addToLabels(PART_OF, "netinsights")
                .addToLabels(SCRIPT_LABEL, job.name())
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            resources() {
        return client.genericKubernetesResources(SESSION_JOBS).inNamespace(namespace);
    }
}

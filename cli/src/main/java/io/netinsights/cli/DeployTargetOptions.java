package io.netinsights.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code submit}, {@code list} and {@code stop} act: local, a Flink REST URL or k8s. */
final class DeployTargetOptions {
    @Option(
            names = "--target",
            paramLabel = "local|URL|k8s",
            defaultValue = "local",
            description = "local, http://JOBMANAGER:8081 or k8s (default ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--namespace", defaultValue = "netinsights", description = "k8s namespace")
    String namespace;

    @Option(
            names = "--session",
            defaultValue = "netinsights-session",
            description = "k8s FlinkDeployment of the session cluster")
    String session;

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description = "default: in-cluster, ~/.kube/config")
    Path kubeconfig;

    /** Test hook: a client to use instead of building one (the fabric8 mock server's). */
    KubernetesClient clientOverride;

    boolean isKubernetes() {
        return "k8s".equals(target);
    }

    boolean isRest() {
        return target.startsWith("http://") || target.startsWith("https://");
    }

    boolean isLocal() {
        return "local".equals(target);
    }

    void checkKnown() {
        if (!isKubernetes() && !isRest() && !isLocal()) {
            throw new Errors.UserError(
                    "--target must be local, http(s)://HOST:PORT or k8s, was " + target);
        }
    }

    DeployFlinkRestClient rest() {
        return new DeployFlinkRestClient(target);
    }

    /** The injected client, or a new one that the caller hands back to {@link #release}. */
    KubernetesClient kubernetes() throws IOException {
        if (clientOverride != null) {
            return clientOverride;
        }
        if (kubeconfig == null) {
            return new KubernetesClientBuilder().build();
        }
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    DeployKubernetesJobs jobs(KubernetesClient client, String jarUri) {
        return new DeployKubernetesJobs(client, namespace, session, jarUri);
    }

    /** Closes clients this class built; leaves an injected one open. */
    void release(KubernetesClient client) {
        if (client != clientOverride) {
            client.close();
        }
    }
}

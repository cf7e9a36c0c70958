package io.netinsights.capture.k8s;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.ServiceRef;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.netinsights.capture.k8s.TestingK8s.item;
import static io.netinsights.capture.k8s.TestingK8s.pod;
import static io.netinsights.capture.k8s.TestingK8s.service;
import static io.netinsights.capture.k8s.TestingK8s.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Enrichment against fabric8's Kubernetes mock server in CRUD mode: informers fill the index, items
 * get pod and service identity, and pod changes are followed and become pod events.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesEnrichmentTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    KubernetesClient client;
    KubernetesMockServer server;

    private final ConcurrentLinkedQueue<PodEvent> events = new ConcurrentLinkedQueue<>();
    private KubernetesEnrichment enrichment;

    @AfterEach
    void stop() {
        if (enrichment != null) {
            enrichment.close();
        }
    }

    private KubernetesEnrichment start() throws Exception {
        PodEventFactory factory =
                new PodEventFactory(
                        client.getKubernetesSerialization(), "node-a", System::currentTimeMillis);
        enrichment =
                KubernetesEnrichment.start(
                        client, null, factory, events::add, Duration.ofSeconds(20), false);
        return enrichment;
    }

    @Test
    void itemsGetPodAndServiceIdentity() throws Exception {
        client.pods()
                .resource(pod("shop", "web-1", "node-a", "10.1.0.5", Map.of("app", "web")))
                .create();
        client.pods()
                .resource(pod("shop", "client-1", "node-b", "10.1.0.9", Map.of("app", "cli")))
                .create();
        client.services().resource(service("shop", "web", "10.96.0.10")).create();
        client.discovery()
                .v1()
                .endpointSlices()
                .resource(slice("shop", "web", "web-x1", "10.1.0.5"))
                .create();

        ItemEnricher enricher = start().enricher();

        // Client pod to the Service's cluster IP: the destination is the service.
        ApiItem viaService = enricher.apply(item("10.1.0.9", "10.96.0.10"));
        assertThat(viaService.getSrc().getPod().getName()).isEqualTo("client-1");
        assertThat(viaService.getSrc().getPod().getLabels()).containsEntry("app", "cli");
        assertThat(viaService.getSrc().getName()).isEqualTo("client-1");
        assertThat(viaService.getSrc().getNamespace()).isEqualTo("shop");
        assertThat(viaService.getSrc().getService()).isNull();
        assertThat(viaService.getDst().getPod()).isNull();
        assertThat(viaService.getDst().getService()).isEqualTo(new ServiceRef("web", "shop"));
        assertThat(viaService.getDst().getName()).isEqualTo("web");
        assertThat(viaService.getDst().getNamespace()).isEqualTo("shop");

        // Straight to the pod (after kube-proxy): pod identity, and the service it backs.
        ApiItem direct = enricher.apply(item("10.1.0.9", "10.1.0.5"));
        assertThat(direct.getDst().getPod().getName()).isEqualTo("web-1");
        assertThat(direct.getDst().getName()).isEqualTo("web-1");
        assertThat(direct.getDst().getService()).isEqualTo(new ServiceRef("web", "shop"));

        // A peer outside the cluster stays as captured.
        ApiItem external = enricher.apply(item("10.1.0.9", "93.184.216.34"));
        assertThat(external.getDst().getName()).isEqualTo("93.184.216.34");
        assertThat(external.getDst().getNamespace()).isEmpty();
        assertThat(external.getDst().getPod()).isNull();

        // Only node-a's pods become pod events, each with the pod as JSON.
        awaitUntil("ADDED event of web-1", () -> !events.isEmpty());
        assertThat(events).extracting(PodEvent::getName).containsExactly("web-1");
        PodEvent added = events.peek();
        assertThat(added.getEvent()).isEqualTo(PodEventType.ADDED);
        assertThat(added.getNode()).isEqualTo("node-a");
        assertThat(added.getNamespace()).isEqualTo("shop");
        Pod parsed = client.getKubernetesSerialization().unmarshal(added.getPod(), Pod.class);
        assertThat(parsed.getMetadata().getName()).isEqualTo("web-1");
        assertThat(parsed.getStatus().getPodIP()).isEqualTo("10.1.0.5");
        assertThat(added.getPod()).contains("\"kind\":\"Pod\"");
    }

    @Test
    void followsPodAddUpdateAndDelete() throws Exception {
        client.services().resource(service("shop", "api", "10.96.0.20")).create();
        ClusterIndex index = start().index();
        assertThat(index.pod("10.1.0.6")).isNull();

        client.pods()
                .resource(pod("shop", "api-1", "node-a", "10.1.0.6", Map.of("v", "1")))
                .create();
        awaitUntil("api-1 indexed", () -> index.pod("10.1.0.6") != null);
        assertThat(index.pod("10.1.0.6").labels()).containsEntry("v", "1");

        client.pods()
                .inNamespace("shop")
                .withName("api-1")
                .edit(
                        p -> {
                            p.getMetadata().getLabels().put("v", "2");
                            return p;
                        });
        awaitUntil("api-1 relabelled", () -> "2".equals(index.pod("10.1.0.6").labels().get("v")));

        client.discovery()
                .v1()
                .endpointSlices()
                .resource(slice("shop", "api", "api-x", "10.1.0.6"))
                .create();
        awaitUntil("api-1 behind api", () -> index.service("10.1.0.6") != null);
        assertThat(index.service("10.96.0.20").name()).isEqualTo("api");

        client.pods().inNamespace("shop").withName("api-1").delete();
        awaitUntil("api-1 forgotten", () -> index.pod("10.1.0.6") == null);
        awaitUntil("DELETED event", () -> events.size() >= 3);

        List<PodEvent> got = new ArrayList<>(events);
        assertThat(got)
                .extracting(PodEvent::getEvent, PodEvent::getName)
                .containsExactly(
                        tuple(PodEventType.ADDED, "api-1"),
                        tuple(PodEventType.MODIFIED, "api-1"),
                        tuple(PodEventType.DELETED, "api-1"));
        assertThat(got.get(1).getPod()).contains("\"v\":\"2\"");
        assertThat(got).extracting(PodEvent::getTimestamp).isSorted();
        assertThat(enrichment.handlerErrors()).isZero();
    }

    @Test
    void aKubeconfigFileGivesAWorkingClient(@TempDir Path dir) throws Exception {
        client.pods().resource(pod("shop", "web-1", "node-a", "10.1.0.5", Map.of())).create();
        Path kubeconfig = dir.resolve("config");
        Files.writeString(
                kubeconfig,
                String.join(
                        "\n",
                        "apiVersion: v1",
                        "kind: Config",
                        "clusters:",
                        "- name: mock",
                        "  cluster:",
                        "    server: " + client.getMasterUrl(),
                        "    insecure-skip-tls-verify: true",
                        "users:",
                        "- name: shipper",
                        "  user:",
                        "    token: test-token",
                        "contexts:",
                        "- name: mock",
                        "  context: {cluster: mock, user: shipper, namespace: shop}",
                        "current-context: mock",
                        ""));

        try (KubernetesClient fromFile = KubernetesEnrichment.client(kubeconfig)) {
            assertThat(fromFile.pods().inNamespace("shop").list().getItems())
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactly("web-1");
        }
        assertThatThrownBy(() -> KubernetesEnrichment.client(dir.resolve("missing")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("kubeconfig not readable");
    }

    private void awaitUntil(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("%s within %s (events: %s)", what, DEADLINE, summary())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String summary() {
        return events.stream()
                .map(e -> e.getEvent() + " " + e.getName())
                .collect(Collectors.joining(", "));
    }
}

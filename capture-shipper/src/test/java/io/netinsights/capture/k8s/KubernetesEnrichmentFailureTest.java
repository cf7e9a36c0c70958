package io.netinsights.capture.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster that refuses the lists (here a mock server with no expectations, as a missing RBAC rule
 * would) fails {@link KubernetesEnrichment#start} with the resource named, in bounded time.
 */
@EnableKubernetesMockClient
class KubernetesEnrichmentFailureTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void refusedListsFailStartWithTheResourceNamed() {
        PodEventFactory events =
                new PodEventFactory(client.getKubernetesSerialization(), null, () -> 0L);

        assertThatThrownBy(
                        () ->
                                KubernetesEnrichment.start(
                                        client,
                                        "shop",
                                        events,
                                        e -> {},
                                        Duration.ofSeconds(5),
                                        false))
                .isInstanceOf(IOException.class)
                .hasMessageMatching("(cannot list and watch|no initial list of) Pod.*");
    }
}

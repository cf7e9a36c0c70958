package io.netinsights.capture.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.netinsights.capture.k8s.TestingK8s.pod;
import static io.netinsights.capture.k8s.TestingK8s.service;
import static io.netinsights.capture.k8s.TestingK8s.slice;
import static org.assertj.core.api.Assertions.assertThat;

/** The IP index on its own: reuse of IPs, host-network and finished pods, services, slices. */
class ClusterIndexTest {

    private final ClusterIndex index = new ClusterIndex();

    @Test
    void podIpsAreIndexedAndForgotten() {
        Pod web = pod("shop", "web-1", "node-a", "10.1.0.5", Map.of("app", "web"));
        index.putPod(web);
        assertThat(index.pod("10.1.0.5"))
                .isEqualTo(new PodIdentity("web-1", "shop", Map.of("app", "web")));

        index.removePod(web);
        assertThat(index.pod("10.1.0.5")).isNull();
    }

    @Test
    void aReusedIpFallsBackToTheEarlierPodWhenTheLaterGoes() {
        Pod old = pod("shop", "old", "node-a", "10.1.0.7", Map.of());
        Pod fresh = pod("shop", "fresh", "node-a", "10.1.0.7", Map.of());
        index.putPod(old);
        index.putPod(fresh);
        assertThat(index.pod("10.1.0.7").name()).isEqualTo("fresh");

        index.removePod(fresh);
        assertThat(index.pod("10.1.0.7").name()).isEqualTo("old");
    }

    @Test
    void hostNetworkAndFinishedPodsAreNotIndexed() {
        Pod host =
                new PodBuilder(pod("kube-system", "proxy", "node-a", "192.168.1.10", Map.of()))
                        .editSpec()
                        .withHostNetwork(true)
                        .endSpec()
                        .build();
        Pod done =
                new PodBuilder(pod("jobs", "batch-1", "node-a", "10.1.0.9", Map.of()))
                        .editStatus()
                        .withPhase("Succeeded")
                        .endStatus()
                        .build();
        index.putPod(pod("jobs", "batch-1", "node-a", "10.1.0.9", Map.of()));
        index.putPod(host);
        index.putPod(done);

        assertThat(index.pod("192.168.1.10")).isNull();
        assertThat(index.pod("10.1.0.9")).isNull();
    }

    @Test
    void clusterIpWinsOverEndpointsAndHeadlessServicesHaveNone() {
        index.putService(service("shop", "web", "10.96.0.10"));
        index.putService(
                new ServiceBuilder(service("shop", "db", "None"))
                        .editSpec()
                        .withClusterIPs("None")
                        .endSpec()
                        .build());
        index.putEndpointSlice(slice("shop", "web", "web-abc", "10.1.0.5", "10.1.0.6"));

        assertThat(index.service("10.96.0.10")).isEqualTo(new ServiceIdentity("web", "shop"));
        assertThat(index.service("10.1.0.6")).isEqualTo(new ServiceIdentity("web", "shop"));
        assertThat(index.service("None")).isNull();

        index.putEndpointSlice(slice("shop", "web", "web-abc", "10.1.0.5"));
        assertThat(index.service("10.1.0.6")).isNull();
        assertThat(index.service("10.1.0.5")).isNotNull();
    }
}

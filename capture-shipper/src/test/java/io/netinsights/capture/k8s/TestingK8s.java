package io.netinsights.capture.k8s;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

import java.util.List;
import java.util.Map;

/** Named builders of pods, services, endpoint slices and items for the enrichment tests. */
final class TestingK8s {

    private TestingK8s() {}

    static Pod pod(String ns, String name, String node, String ip, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("main")
                .withImage("example/app:1")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP(ip)
                .addNewPodIP()
                .withIp(ip)
                .endPodIP()
                .endStatus()
                .build();
    }

    static Service service(String ns, String name, String clusterIp) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(clusterIp)
                .withClusterIPs(clusterIp)
                .withSelector(Map.of("app", name))
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build();
    }

    static EndpointSlice slice(String ns, String service, String name, String... ips) {
        EndpointSliceBuilder b =
                new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withNamespace(ns)
                        .withName(name)
                        .withLabels(Map.of(ClusterIndex.SERVICE_NAME_LABEL, service))
                        .endMetadata()
                        .withAddressType("IPv4");
        for (String ip : ips) {
            b.addNewEndpoint().withAddresses(List.of(ip)).endEndpoint();
        }
        return b.build();
    }

    /** An HTTP item from {@code srcIp} to {@code dstIp}:80, as the capture builds it. */
    static ApiItem item(String srcIp, String dstIp) {
        return ApiItem.newBuilder()
                .setId("1-0")
                .setNode(new NodeInfo("", "node-a"))
                .setTimestamp(1_700_000_000_000L)
                .setProtocol(Protocol.newBuilder().setName("http").build())
                .setSrc(endpoint(srcIp, "41000"))
                .setDst(endpoint(dstIp, "80"))
                .build();
    }

    private static Endpoint endpoint(String ip, String port) {
        return Endpoint.newBuilder().setIp(ip).setPort(port).setName(ip).build();
    }
}

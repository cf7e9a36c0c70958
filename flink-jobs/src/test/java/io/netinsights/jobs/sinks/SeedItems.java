package io.netinsights.jobs.sinks;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Captured traffic for the seed automations: HTTP calls with a few DNS queries among them. */
final class SeedItems {
    private SeedItems() {}

    /** {@code n} items on node-1 and node-2, 1.3 s apart from 2026-01-01T00:00:00Z. */
    static List<ApiItem> traffic(int n) {
        return traffic(n, 201);
    }

    /** The same traffic, with every HTTP response of the given status. */
    static List<ApiItem> traffic(int n, int status) {
        List<ApiItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String node = "node-" + (1 + i % 2);
            long ts = SinkTestSupport.T0 + i * 1_300L;
            out.add(i % 7 == 3 ? dns("d-" + i, node, ts) : http("h-" + i, node, ts, status));
        }
        return out;
    }

    /** The request paths of the HTTP items. */
    static Set<String> httpPaths(List<ApiItem> items) {
        return items.stream()
                .filter(i -> i.getProtocol().getName().equals("http"))
                .map(i -> "/api/items/" + i.getId())
                .collect(Collectors.toSet());
    }

    static ApiItem http(String id, String node, long ts, int status) {
        String path = "/api/items/" + id;
        return base(id, node, ts)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("http")
                                .setAbbr("HTTP")
                                .setVersion("1.1")
                                .setLayer4("tcp")
                                .build())
                .setDst(
                        Endpoint.newBuilder()
                                .setIp("10.1.0.9")
                                .setPort("8080")
                                .setName("shop")
                                .build())
                .setRequest(
                        "{\"method\":\"POST\",\"path\":\""
                                + path
                                + "\",\"url\":\""
                                + path
                                + "\",\"headers\":{\"host\":\"shop\",\"authorization\":\"Bearer x\"},"
                                + "\"postData\":{\"mimeType\":\"application/json\","
                                + "\"text\":\"{\\\"q\\\":1}\"}}")
                .setResponse(
                        "{\"status\":"
                                + status
                                + ",\"headers\":"
                                + "{\"content-type\":\"application/json\"},\"content\":"
                                + "{\"mimeType\":\"application/json\",\"text\":\"{}\",\"size\":2}}")
                .setElapsedTime(12)
                .build();
    }

    static ApiItem dns(String id, String node, long ts) {
        return base(id, node, ts)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("dns")
                                .setAbbr("DNS")
                                .setLayer4("udp")
                                .build())
                .setDst(
                        Endpoint.newBuilder()
                                .setIp("10.96.0.10")
                                .setPort("53")
                                .setName("kube-dns")
                                .build())
                .setRequest("{\"questions\":[{\"name\":\"shop.local\",\"type\":\"A\"}]}")
                .setResponse("{\"code\":\"NoError\",\"answers\":[]}")
                .build();
    }

    private static ApiItem.Builder base(String id, String node, long ts) {
        return ApiItem.newBuilder()
                .setId(id)
                .setNode(new NodeInfo("10.0.0." + node.charAt(node.length() - 1), node))
                .setWorker(node)
                .setTimestamp(ts)
                .setSrc(
                        Endpoint.newBuilder()
                                .setIp("10.1.0.5")
                                .setPort("40000")
                                .setName("client")
                                .build());
    }
}

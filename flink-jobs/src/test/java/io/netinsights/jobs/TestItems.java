package io.netinsights.jobs;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;

import java.time.Instant;
import java.util.List;

/** Builders of test items over fixed instants. */
public final class TestItems {
    public static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private TestItems() {}

    public static ApiItem dns(String id, String node, String client, long ts) {
        return ApiItem.newBuilder()
                .setId(id)
                .setNode(new NodeInfo("", node))
                .setWorker(node)
                .setTimestamp(ts)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("dns")
                                .setAbbr("DNS")
                                .setLayer4("udp")
                                .setPorts(List.of("53"))
                                .build())
                .setSrc(
                        Endpoint.newBuilder()
                                .setIp("10.1.0.5")
                                .setPort("40000")
                                .setName(client)
                                .build())
                .setDst(
                        Endpoint.newBuilder()
                                .setIp("10.96.0.10")
                                .setPort("53")
                                .setName("kube-dns")
                                .build())
                .setRequest("{\"questions\":[{\"name\":\"svc.local\",\"type\":\"A\"}]}")
                .setResponse("{\"code\":\"NoError\",\"answers\":[]}")
                .build();
    }
}

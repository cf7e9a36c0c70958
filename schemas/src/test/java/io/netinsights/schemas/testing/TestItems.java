package io.netinsights.schemas.testing;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;

import java.time.Instant;
import java.util.List;

/**
 * Builders of test items over fixed instants, shared by the tests of every module (this module's
 * test jar): a DNS query from a client to kube-dns, and an HTTP GET to a service.
 */
public final class TestItems {

    /** 2026-01-01T00:00:00Z. */
    public static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private TestItems() {}

    /** A DNS A query for {@code svc.local}. */
    public static ApiItem dns(String id, String node, String client, long ts) {
        return dns(id, node, client, "svc.local", ts);
    }

    /** A DNS A query for {@code query} from {@code client} (its name) seen on {@code node}. */
    public static ApiItem dns(String id, String node, String client, String query, long ts) {
        return ApiItem.newBuilder()
                .setId(id)
                .setNode(new NodeInfo("10.0.0.1", node))
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
                .setRequest(
                        "{\"opCode\":\"Query\",\"questions\":[{\"name\":\""
                                + query
                                + "\",\"type\":\"A\",\"class\":\"IN\"}]}")
                .setResponse("{\"code\":\"NoError\",\"answers\":[]}")
                .build();
    }

    /** A GET of {@code /api} on {@code dst} (its name), answered with {@code status}. */
    public static ApiItem http(String id, String dst, int status, long elapsed, long ts) {
        return ApiItem.newBuilder()
                .setId(id)
                .setNode(new NodeInfo("10.0.0.1", "node-1"))
                .setTimestamp(ts)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("http")
                                .setAbbr("HTTP")
                                .setVersion("1.1")
                                .setLayer4("tcp")
                                .build())
                .setSrc(
                        Endpoint.newBuilder()
                                .setIp("10.1.0.5")
                                .setPort("50000")
                                .setName("client")
                                .build())
                .setDst(Endpoint.newBuilder().setIp("10.1.0.9").setPort("80").setName(dst).build())
                .setRequest(
                        "{\"method\":\"GET\",\"path\":\"/api\",\"url\":\"/api\",\"headers\":{\"host\":\""
                                + dst
                                + "\"}}")
                .setResponse("{\"status\":" + status + ",\"statusText\":\"x\",\"headers\":{}}")
                .setElapsedTime(elapsed)
                .build();
    }
}

package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.ItemError;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.ServiceRef;

import java.time.Instant;
import java.util.List;

/** Builders of HTTP items for report tests, over a fixed start instant. */
final class ReportItems {
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private ReportItems() {}

    /** An HTTP call from {@code srcIp} to service {@code ns/service} at {@code dstIp:port}. */
    static ApiItem http(
            String id,
            long ts,
            String srcIp,
            String dstIp,
            int port,
            String service,
            String method,
            String path,
            int status,
            long elapsedMs) {
        String[] svc = service.split("/", 2);
        return ApiItem.newBuilder()
                .setId(id)
                .setNode(new NodeInfo("", "node-1"))
                .setWorker("node-1")
                .setTimestamp(ts)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("http")
                                .setAbbr("HTTP")
                                .setLayer4("tcp")
                                .setPorts(List.of(String.valueOf(port)))
                                .build())
                .setSrc(Endpoint.newBuilder().setIp(srcIp).setPort("40000").build())
                .setDst(
                        Endpoint.newBuilder()
                                .setIp(dstIp)
                                .setPort(String.valueOf(port))
                                .setName(svc[svc.length - 1])
                                .setNamespace(svc.length == 2 ? svc[0] : "")
                                .setService(
                                        new ServiceRef(
                                                svc[svc.length - 1], svc.length == 2 ? svc[0] : ""))
                                .build())
                .setRequest("{\"method\":\"" + method + "\",\"path\":\"" + path + "\"}")
                .setResponse("{\"status\":" + status + "}")
                .setRequestSize(100)
                .setResponseSize(1000)
                .setElapsedTime(elapsedMs)
                .build();
    }

    /** A simple GET to {@code svc} taking {@code elapsedMs}. */
    static ApiItem get(String id, long ts, String service, int status, long elapsedMs) {
        return http(id, ts, "10.0.0.1", "10.0.9.9", 80, service, "GET", "/", status, elapsedMs);
    }

    /** A call that got no response. */
    static ApiItem unanswered(String id, long ts, String service) {
        ApiItem i = get(id, ts, service, 0, 0);
        i.setResponse(null);
        i.setError(new ItemError("pair-not-found", ""));
        return i;
    }
}

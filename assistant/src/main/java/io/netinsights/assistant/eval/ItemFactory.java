package io.netinsights.assistant.eval;

import io.netinsights.assistant.eval.World.External;
import io.netinsights.assistant.eval.World.Pod;
import io.netinsights.assistant.eval.World.Service;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.PodRef;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.ServiceRef;
import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the generator's items in the scripting-API shape: HTTP, DNS and Redis. */
final class ItemFactory {
    private int seq;

    /** One side of a connection that is a pod, behind a service or not. */
    static Endpoint podSide(Pod pod, Service svc, int port) {
        return Endpoint.newBuilder()
                .setIp(pod.ip())
                .setPort(String.valueOf(port))
                .setName(svc != null ? svc.name() : pod.name())
                .setNamespace(pod.namespace())
                .setPod(new PodRef(pod.name(), pod.namespace(), pod.labels()))
                .setService(svc != null ? new ServiceRef(svc.name(), svc.namespace()) : null)
                .build();
    }

    static Endpoint client(Pod pod, int port) {
        Endpoint e = podSide(pod, null, port);
        e.setProcessName(pod.process());
        return e;
    }

    static Endpoint external(External host) {
        return Endpoint.newBuilder()
                .setIp(host.ip())
                .setPort(String.valueOf(host.port()))
                .setName(host.name())
                .build();
    }

    static Endpoint host(String ip, int port) {
        return Endpoint.newBuilder().setIp(ip).setPort(String.valueOf(port)).setName(ip).build();
    }

    ApiItem http(
            long ts,
            String node,
            Endpoint src,
            Endpoint dst,
            boolean tls,
            Map<String, Object> request,
            Map<String, Object> response,
            long elapsed) {
        return base(ts, node, src, dst, "http", "HTTP", "tcp", tls, request, response, elapsed)
                .build();
    }

    static Map<String, Object> httpRequest(
            String method,
            String path,
            String query,
            Map<String, Object> headers,
            Map<String, Object> cookies,
            String body) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("url", query.isEmpty() ? path : path + "?" + query);
        r.put("path", path);
        r.put("pathSegments", new ArrayList<>(Arrays.asList(path.substring(1).split("/"))));
        r.put("httpVersion", "HTTP/1.1");
        r.put("headers", headers);
        Map<String, Object> qs = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String kv : query.split("&")) {
                String[] p = kv.split("=", 2);
                qs.put(p[0], p.length > 1 ? p[1] : "");
            }
        }
        r.put("queryString", qs);
        r.put("cookies", cookies);
        if (body != null) {
            r.put("postData", Map.of("mimeType", "application/json", "text", body));
        }
        r.put("bodySize", body == null ? 0 : body.length());
        return r;
    }

    static Map<String, Object> httpResponse(int status, Map<String, Object> headers, String body) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", status);
        r.put(
                "statusText",
                status >= 500 ? "Internal Server Error" : status >= 400 ? "Bad Request" : "OK");
        r.put("httpVersion", "HTTP/1.1");
        r.put("headers", headers);
        r.put("cookies", new LinkedHashMap<>());
        r.put(
                "content",
                Map.of("mimeType", "application/json", "size", body.length(), "text", body));
        r.put("bodySize", body.length());
        return r;
    }

    ApiItem dns(
            long ts,
            String node,
            Endpoint src,
            Endpoint dst,
            String name,
            String answerIp,
            long elapsed) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", name);
        q.put("type", "A");
        q.put("class", "IN");
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("opCode", "QUERY");
        req.put("questions", List.of(q));
        Map<String, Object> a = new LinkedHashMap<>(q);
        a.put("ttl", 30);
        a.put("ip", answerIp);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("code", "NOERROR");
        res.put("answers", List.of(a));
        return base(ts, node, src, dst, "dns", "DNS", "udp", false, req, res, elapsed).build();
    }

    ApiItem redis(
            long ts,
            String node,
            Endpoint src,
            Endpoint dst,
            String command,
            String key,
            long elapsed) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("type", "array");
        req.put("command", command);
        req.put("key", key);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("type", command.equals("GET") ? "bulk" : "simple");
        res.put("value", command.equals("GET") ? "{\"items\":2}" : "OK");
        return base(ts, node, src, dst, "redis", "REDIS", "tcp", false, req, res, elapsed).build();
    }

    private ApiItem.Builder base(
            long ts,
            String node,
            Endpoint src,
            Endpoint dst,
            String proto,
            String abbr,
            String l4,
            boolean tls,
            Map<String, Object> req,
            Map<String, Object> res,
            long elapsed) {
        String reqJson = ItemJson.write(req);
        String resJson = ItemJson.write(res);
        seq++;
        return ApiItem.newBuilder()
                .setId(String.format("gen-%06d", seq))
                .setIndex(seq)
                .setWorker(node)
                .setNode(new NodeInfo(nodeIp(node), node))
                .setTimestamp(ts)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName(proto)
                                .setAbbr(abbr)
                                .setLongName(abbr)
                                .setMacro(proto)
                                .setLayer4(l4)
                                .setVersion(proto.equals("http") ? "1.1" : "")
                                .setPorts(List.of(dst.getPort()))
                                .build())
                .setSrc(src)
                .setDst(dst)
                .setOutgoing(true)
                .setTls(tls)
                .setRequest(reqJson)
                .setResponse(resJson)
                .setRequestSize(reqJson.length() + 40L)
                .setResponseSize(resJson.length() + 60L)
                .setElapsedTime(elapsed);
    }

    static String nodeIp(String node) {
        return switch (node) {
            case "node-a" -> "10.0.1.10";
            case "node-b" -> "10.0.1.20";
            default -> "10.0.1.30";
        };
    }
}

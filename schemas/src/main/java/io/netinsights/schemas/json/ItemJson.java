package io.netinsights.schemas.json;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.ItemError;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.PodRef;
import io.netinsights.schemas.Protocol;
import io.netinsights.schemas.ServiceRef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between the Avro {@link ApiItem} and its JSON form, the item shape that scripts read
 * (scripting-api.md): lower-case names, request/response as nested objects, {@code startTime} in
 * RFC 3339.
 */
public final class ItemJson {

    /** Shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE =
            new TypeReference<>() {};

    private static final Set<String> KNOWN =
            Set.of(
                    "id", "index", "stream", "worker", "node", "timestamp", "startTime",
                    "protocol", "src", "dst", "outgoing", "tls", "request", "response",
                    "requestSize", "responseSize", "elapsedTime", "passed", "failed", "error");

    private ItemJson() {}

    /** The item as a tree of {@link LinkedHashMap}, {@link ArrayList}, String, Number, Boolean. */
    public static Map<String, Object> toMap(ApiItem item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", item.getId());
        m.put("index", item.getIndex());
        m.put("stream", item.getStream());
        m.put("worker", item.getWorker());
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("ip", item.getNode().getIp());
        node.put("name", item.getNode().getName());
        m.put("node", node);
        m.put("timestamp", item.getTimestamp());
        m.put("startTime", Instant.ofEpochMilli(item.getTimestamp()).toString());
        m.put("protocol", protocol(item.getProtocol()));
        m.put("src", endpoint(item.getSrc()));
        m.put("dst", endpoint(item.getDst()));
        m.put("outgoing", item.getOutgoing());
        m.put("tls", item.getTls());
        m.put("request", parseObject(item.getRequest()));
        m.put("response", parseObject(item.getResponse()));
        m.put("requestSize", item.getRequestSize());
        m.put("responseSize", item.getResponseSize());
        m.put("elapsedTime", item.getElapsedTime());
        m.put("passed", item.getPassed());
        m.put("failed", item.getFailed());
        ItemError error = item.getError();
        if (error == null) {
            m.put("error", null);
        } else {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", error.getType());
            e.put("msg", error.getMsg());
            m.put("error", e);
        }
        for (Map.Entry<String, String> x : item.getExtra().entrySet()) {
            m.putIfAbsent(x.getKey(), x.getValue());
        }
        return m;
    }

    /** The item as one line of JSON. */
    public static String toJson(ApiItem item) {
        try {
            return MAPPER.writeValueAsString(toMap(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write item " + item.getId() + " as JSON", e);
        }
    }

    /**
     * Parses one JSON object in the scripting-api.md item shape.
     *
     * @throws IllegalArgumentException with a reason when the text is not an item
     */
    public static ApiItem fromJson(String json) {
        Map<String, Object> m;
        try {
            m = MAPPER.readValue(json, MAP_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (m == null) {
            throw new IllegalArgumentException("not a JSON object: null");
        }
        return fromMap(m);
    }

    /** Builds an item from a map in the scripting-api.md shape; missing fields get defaults. */
    @SuppressWarnings("unchecked")
    public static ApiItem fromMap(Map<String, Object> m) {
        Object ts = m.get("timestamp");
        long timestamp;
        if (ts instanceof Number) {
            timestamp = ((Number) ts).longValue();
        } else if (m.get("startTime") instanceof String) {
            timestamp = Instant.parse((String) m.get("startTime")).toEpochMilli();
        } else {
            throw new IllegalArgumentException("item has no numeric 'timestamp' (Unix ms)");
        }
        Map<String, Object> node = obj(m.get("node"), "node");
        Map<String, Object> proto = obj(m.get("protocol"), "protocol");
        if (proto.isEmpty()) {
            throw new IllegalArgumentException("item has no 'protocol' object");
        }
        Map<String, String> extra = new HashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!KNOWN.contains(e.getKey()) && e.getValue() != null) {
                extra.put(e.getKey(), scalarOrJson(e.getValue()));
            }
        }
        Map<String, Object> err = obj(m.get("error"), "error");
        return ApiItem.newBuilder()
                .setId(str(m.get("id"), ""))
                .setIndex(num(m.get("index")))
                .setStream(str(m.get("stream"), ""))
                .setWorker(str(m.get("worker"), ""))
                .setNode(new NodeInfo(str(node.get("ip"), ""), str(node.get("name"), "")))
                .setTimestamp(timestamp)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName(str(proto.get("name"), ""))
                                .setVersion(str(proto.get("version"), ""))
                                .setAbbr(str(proto.get("abbr"), ""))
                                .setLongName(str(proto.get("longName"), ""))
                                .setMacro(str(proto.get("macro"), ""))
                                .setLayer4(str(proto.get("layer4"), ""))
                                .setPorts(strings(proto.get("ports")))
                                .build())
                .setSrc(endpointFrom(obj(m.get("src"), "src")))
                .setDst(endpointFrom(obj(m.get("dst"), "dst")))
                .setOutgoing(Boolean.TRUE.equals(m.get("outgoing")))
                .setTls(Boolean.TRUE.equals(m.get("tls")))
                .setRequest(jsonOrNull(m.get("request")))
                .setResponse(jsonOrNull(m.get("response")))
                .setRequestSize(num(m.get("requestSize")))
                .setResponseSize(num(m.get("responseSize")))
                .setElapsedTime(num(m.get("elapsedTime")))
                .setPassed(Boolean.TRUE.equals(m.get("passed")))
                .setFailed(Boolean.TRUE.equals(m.get("failed")))
                .setError(
                        err.isEmpty()
                                ? null
                                : new ItemError(
                                        str(err.get("type"), ""), str(err.get("msg"), "")))
                .setExtra(extra)
                .build();
    }

    /** Parses a request/response JSON text into a map; null stays null. */
    public static Map<String, Object> parseObject(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, MAP_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON body: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes any JSON-able value (maps, lists, scalars) as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> protocol(Protocol p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.getName());
        m.put("version", p.getVersion());
        m.put("abbr", p.getAbbr());
        m.put("longName", p.getLongName());
        m.put("macro", p.getMacro());
        m.put("layer4", p.getLayer4());
        m.put("ports", new ArrayList<>(p.getPorts()));
        return m;
    }

    private static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", e.getIp());
        m.put("port", e.getPort());
        m.put("name", e.getName());
        m.put("namespace", e.getNamespace());
        PodRef pod = e.getPod();
        if (pod == null) {
            m.put("pod", null);
        } else {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", pod.getName());
            p.put("namespace", pod.getNamespace());
            p.put("labels", new LinkedHashMap<String, Object>(pod.getLabels()));
            m.put("pod", p);
        }
        ServiceRef svc = e.getService();
        if (svc == null) {
            m.put("service", null);
        } else {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", svc.getName());
            s.put("namespace", svc.getNamespace());
            m.put("service", s);
        }
        if (e.getProcessName() != null) {
            m.put("processName", e.getProcessName());
        }
        return m;
    }

    private static Endpoint endpointFrom(Map<String, Object> m) {
        Map<String, Object> pod = obj(m.get("pod"), "pod");
        Map<String, Object> svc = obj(m.get("service"), "service");
        Map<String, String> labels = new HashMap<>();
        for (Map.Entry<String, Object> l : obj(pod.get("labels"), "labels").entrySet()) {
            labels.put(l.getKey(), String.valueOf(l.getValue()));
        }
        Object port = m.get("port");
        return Endpoint.newBuilder()
                .setIp(str(m.get("ip"), ""))
                .setPort(port == null ? "" : String.valueOf(port))
                .setName(str(m.get("name"), ""))
                .setNamespace(str(m.get("namespace"), ""))
                .setPod(
                        pod.isEmpty()
                                ? null
                                : new PodRef(
                                        str(pod.get("name"), ""),
                                        str(pod.get("namespace"), ""),
                                        labels))
                .setService(
                        svc.isEmpty()
                                ? null
                                : new ServiceRef(
                                        str(svc.get("name"), ""), str(svc.get("namespace"), "")))
                .setProcessName((String) m.get("processName"))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o, String field) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("'" + field + "' must be an object");
        }
        return (Map<String, Object>) o;
    }

    private static String str(Object o, String dflt) {
        return o == null ? dflt : String.valueOf(o);
    }

    private static long num(Object o) {
        if (o instanceof Number) {
            return ((Number) o).longValue();
        }
        if (o instanceof String && !((String) o).isEmpty()) {
            try {
                return (long) Double.parseDouble((String) o);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + o, e);
            }
        }
        return 0L;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List) {
            for (Object x : (List<?>) o) {
                out.add(String.valueOf(x));
            }
        }
        return out;
    }

    private static String jsonOrNull(Object o) {
        return o == null ? null : write(o);
    }

    private static String scalarOrJson(Object o) {
        return o instanceof String ? (String) o : write(o);
    }
}

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

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
                    "id",
                    "index",
                    "stream",
                    "worker",
                    "node",
                    "timestamp",
                    "startTime",
                    "protocol",
                    "src",
                    "dst",
                    "outgoing",
                    "tls",
                    "request",
                    "response",
                    "requestSize",
                    "responseSize",
                    "elapsedTime",
                    "passed",
                    "failed",
                    "error");

    private ItemJson() {}

    /** The item as a tree of {@link LinkedHashMap}, {@link ArrayList}, String, Number, Boolean. */
    public static Map<String, Object> toMap(ApiItem item) {
        return toMap(
                item, LinkedHashMap::new, ItemJson::parseObject, p -> p.toMap(LinkedHashMap::new));
    }

    /**
     * The item in the same shape as {@link #toMap(ApiItem)}, built the caller's way, so the script
     * runtime gets its own map type without copying the tree and can defer the work a script may
     * never need:
     *
     * <ul>
     *   <li>{@code newMap} makes every object, given an initial capacity that holds its entries;
     *   <li>{@code body} turns the request and response JSON texts into values (null bodies stay
     *       null and never reach it);
     *   <li>{@code part} turns {@code node}, {@code protocol}, {@code src} and {@code dst}, each a
     *       {@link Part} that already holds a copy of its fields, into values: {@code
     *       part.toMap(newMap)} at once, or later.
     * </ul>
     */
    public static <M extends Map<String, Object>> M toMap(
            ApiItem item,
            IntFunction<M> newMap,
            Function<String, Object> body,
            Function<Part, Object> part) {
        Map<String, String> extra = item.getExtra();
        M m = newMap.apply(capacity(21 + extra.size()));
        m.put("id", item.getId());
        m.put("index", item.getIndex());
        m.put("stream", item.getStream());
        m.put("worker", item.getWorker());
        m.put("node", part.apply(new NodePart(item.getNode())));
        m.put("timestamp", item.getTimestamp());
        m.put("startTime", startTime(item.getTimestamp()));
        m.put("protocol", part.apply(new ProtocolPart(item.getProtocol())));
        m.put("src", part.apply(new EndpointPart(item.getSrc())));
        m.put("dst", part.apply(new EndpointPart(item.getDst())));
        m.put("outgoing", item.getOutgoing());
        m.put("tls", item.getTls());
        m.put("request", item.getRequest() == null ? null : body.apply(item.getRequest()));
        m.put("response", item.getResponse() == null ? null : body.apply(item.getResponse()));
        m.put("requestSize", item.getRequestSize());
        m.put("responseSize", item.getResponseSize());
        m.put("elapsedTime", item.getElapsedTime());
        m.put("passed", item.getPassed());
        m.put("failed", item.getFailed());
        ItemError error = item.getError();
        if (error == null) {
            m.put("error", null);
        } else {
            M e = newMap.apply(capacity(2));
            e.put("type", error.getType());
            e.put("msg", error.getMsg());
            m.put("error", e);
        }
        if (!extra.isEmpty()) {
            for (Map.Entry<String, String> x : extra.entrySet()) {
                m.putIfAbsent(x.getKey(), x.getValue());
            }
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
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
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
                                : new ItemError(str(err.get("type"), ""), str(err.get("msg"), "")))
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

    /** Initial capacity of a hash map that holds {@code entries} without resizing. */
    private static int capacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    /**
     * {@code Instant.ofEpochMilli(millis).toString()}, the RFC 3339 {@code startTime}, without
     * running the formatter for every item: items come in time order, so the text up to the second
     * is cached and only the milliseconds are appended.
     */
    static String startTime(long millis) {
        long second = Math.floorDiv(millis, 1000L);
        int milli = (int) Math.floorMod(millis, 1000L);
        SecondText s = lastSecond;
        if (s == null || s.second != second) {
            String t = Instant.ofEpochSecond(second).toString();
            s = new SecondText(second, t.substring(0, t.length() - 1));
            lastSecond = s;
        }
        return s.text.concat(MILLIS_Z[milli]);
    }

    /** ".001Z" … ".999Z", and "Z" for a whole second, as Instant prints them. */
    private static final String[] MILLIS_Z = new String[1000];

    static {
        MILLIS_Z[0] = "Z";
        for (int i = 1; i < 1000; i++) {
            MILLIS_Z[i] =
                    "."
                            + (char) ('0' + i / 100)
                            + (char) ('0' + i / 10 % 10)
                            + (char) ('0' + i % 10)
                            + "Z";
        }
    }

    /**
     * A second and its text without the zone letter. Immutable, so threads may race on {@link
     * #lastSecond} and at worst format a second again.
     */
    private static final class SecondText {
        final long second;
        final String text;

        SecondText(long second, String text) {
            this.second = second;
            this.text = text;
        }
    }

    private static SecondText lastSecond;

    /**
     * One nested object of an item ({@code node}, {@code protocol}, {@code src}, {@code dst}) with
     * its fields copied out of the Avro record when the item was converted: the strings are shared,
     * the lists and maps copied, so the object it makes later is the one the item had then, even if
     * the record is reused or changed meanwhile.
     */
    public abstract static class Part {
        Part() {}

        /** The object as {@link #toMap(ApiItem)} has it, with every map made by {@code newMap}. */
        public abstract <M extends Map<String, Object>> M toMap(IntFunction<M> newMap);
    }

    private static final class NodePart extends Part {
        private final String ip;
        private final String name;

        NodePart(NodeInfo n) {
            ip = n.getIp();
            name = n.getName();
        }

        @Override
        public <M extends Map<String, Object>> M toMap(IntFunction<M> newMap) {
            M m = newMap.apply(capacity(2));
            m.put("ip", ip);
            m.put("name", name);
            return m;
        }
    }

    private static final class ProtocolPart extends Part {
        private final String name;
        private final String version;
        private final String abbr;
        private final String longName;
        private final String macro;
        private final String layer4;
        private final Object[] ports;

        ProtocolPart(Protocol p) {
            name = p.getName();
            version = p.getVersion();
            abbr = p.getAbbr();
            longName = p.getLongName();
            macro = p.getMacro();
            layer4 = p.getLayer4();
            ports = p.getPorts().toArray();
        }

        @Override
        public <M extends Map<String, Object>> M toMap(IntFunction<M> newMap) {
            M m = newMap.apply(capacity(7));
            m.put("name", name);
            m.put("version", version);
            m.put("abbr", abbr);
            m.put("longName", longName);
            m.put("macro", macro);
            m.put("layer4", layer4);
            m.put("ports", new ArrayList<>(Arrays.asList(ports)));
            return m;
        }
    }

    private static final class EndpointPart extends Part {
        private final String ip;
        private final String port;
        private final String name;
        private final String namespace;
        private final boolean hasPod;
        private final String podName;
        private final String podNamespace;

        /** Label keys and values, alternating, in the record's map order. */
        private final String[] podLabels;

        private final boolean hasService;
        private final String serviceName;
        private final String serviceNamespace;
        private final String processName;

        EndpointPart(Endpoint e) {
            ip = e.getIp();
            port = e.getPort();
            name = e.getName();
            namespace = e.getNamespace();
            PodRef pod = e.getPod();
            hasPod = pod != null;
            if (hasPod) {
                podName = pod.getName();
                podNamespace = pod.getNamespace();
                Map<String, String> labels = pod.getLabels();
                podLabels = new String[labels.size() * 2];
                int i = 0;
                for (Map.Entry<String, String> l : labels.entrySet()) {
                    podLabels[i++] = l.getKey();
                    podLabels[i++] = l.getValue();
                }
            } else {
                podName = null;
                podNamespace = null;
                podLabels = null;
            }
            ServiceRef svc = e.getService();
            hasService = svc != null;
            serviceName = hasService ? svc.getName() : null;
            serviceNamespace = hasService ? svc.getNamespace() : null;
            processName = e.getProcessName();
        }

        @Override
        public <M extends Map<String, Object>> M toMap(IntFunction<M> newMap) {
            M m = newMap.apply(capacity(7));
            m.put("ip", ip);
            m.put("port", port);
            m.put("name", name);
            m.put("namespace", namespace);
            if (!hasPod) {
                m.put("pod", null);
            } else {
                M p = newMap.apply(capacity(3));
                p.put("name", podName);
                p.put("namespace", podNamespace);
                M labels = newMap.apply(capacity(podLabels.length / 2));
                for (int i = 0; i < podLabels.length; i += 2) {
                    labels.put(podLabels[i], podLabels[i + 1]);
                }
                p.put("labels", labels);
                m.put("pod", p);
            }
            if (!hasService) {
                m.put("service", null);
            } else {
                M s = newMap.apply(capacity(2));
                s.put("name", serviceName);
                s.put("namespace", serviceNamespace);
                m.put("service", s);
            }
            if (processName != null) {
                m.put("processName", processName);
            }
            return m;
        }
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

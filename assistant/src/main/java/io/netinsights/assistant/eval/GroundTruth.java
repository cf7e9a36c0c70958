package io.netinsights.assistant.eval;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.netinsights.assistant.eval.Keys.normalizePath;
import static io.netinsights.assistant.eval.Keys.service;
import static io.netinsights.assistant.eval.Keys.str;
import static io.netinsights.assistant.eval.Keys.who;

/**
 * Expected answers computed in Java straight from the traffic and the pod inventory, without any
 * script: rankings, idle pods, external connections, denied flows, error rates, slow endpoints,
 * latency anomalies (robust statistics), item counts and sensitive-field counts.
 */
public final class GroundTruth {
    private final List<Map<String, Object>> items = new ArrayList<>();
    private final List<JsonNode> pods = new ArrayList<>();
    private final Map<String, String> env;

    public GroundTruth(List<ApiItem> items, List<String> podsJson, Map<String, String> env) {
        for (ApiItem i : items) {
            this.items.add(ItemJson.toMap(i));
        }
        for (String p : podsJson) {
            try {
                pods.add(ItemJson.MAPPER.readTree(p));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("pod is not JSON: " + e.getMessage(), e);
            }
        }
        this.env = Map.copyOf(env);
    }

    List<Map<String, Object>> items() {
        return items;
    }

    /** Keys of a top-N ranking, best first (ties by key), and the universe of all keys. */
    public List<String> topN(
            String groupBy, String protocol, String metric, String namespace, int n) {
        Map<String, double[]> acc = new TreeMap<>();
        for (Map<String, Object> i : items) {
            if (!protocolMatches(i, protocol) || !namespaceMatches(i, groupBy, namespace)) {
                continue;
            }
            String k = key(i, groupBy);
            if (k == null || k.isEmpty()) {
                continue;
            }
            double v =
                    metric.equals("bytes")
                            ? num(i.get("requestSize")) + num(i.get("responseSize"))
                            : metric.equals("latency") ? num(i.get("elapsedTime")) : 1;
            double[] a = acc.computeIfAbsent(k, x -> new double[2]);
            a[0]++;
            a[1] += v;
        }
        List<String> keys = new ArrayList<>(acc.keySet());
        keys.sort(
                Comparator.comparingDouble(
                                (String k) ->
                                        metric.equals("latency")
                                                ? -acc.get(k)[1] / acc.get(k)[0]
                                                : -acc.get(k)[1])
                        .thenComparing(k -> k));
        return keys.subList(0, Math.min(n, keys.size()));
    }

    /** Every key of a grouping over all items (the entities a report may mention). */
    public Set<String> universe(String groupBy) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> i : items) {
            String k = key(i, groupBy);
            if (k != null && !k.isEmpty()) {
                out.add(k);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static String key(Map<String, Object> i, String groupBy) {
        Map<String, Object> src = (Map<String, Object>) i.get("src");
        Map<String, Object> dst = (Map<String, Object>) i.get("dst");
        Map<String, Object> req =
                i.get("request") instanceof Map ? (Map<String, Object>) i.get("request") : Map.of();
        Map<String, Object> res =
                i.get("response") instanceof Map
                        ? (Map<String, Object>) i.get("response")
                        : Map.of();
        return switch (groupBy) {
            case "client" -> who(src);
            case "server" -> who(dst);
            case "service" -> service(dst);
            case "namespace" ->
                    str(src.get("namespace")).isEmpty()
                            ? "(outside the cluster)"
                            : str(src.get("namespace"));
            case "endpoint" ->
                    req.get("path") == null
                            ? null
                            : service(dst)
                                    + " "
                                    + req.get("method")
                                    + " "
                                    + normalizePath(str(req.get("path")));
            case "path" -> req.get("path") == null ? null : normalizePath(str(req.get("path")));
            case "domain" ->
                    req.get("questions") instanceof List<?> q && !q.isEmpty()
                            ? str(((Map<String, Object>) q.get(0)).get("name"))
                            : null;
            case "status" -> res.get("status") == null ? null : str(res.get("status"));
            case "method" -> (String) req.get("method");
            case "node" -> str(((Map<String, Object>) i.get("node")).get("name"));
            case "process" -> (String) src.get("processName");
            case "command" -> (String) req.get("command");
            default -> throw new IllegalArgumentException("unknown groupBy " + groupBy);
        };
    }

    @SuppressWarnings("unchecked")
    static boolean protocolMatches(Map<String, Object> i, String protocol) {
        if (protocol == null || protocol.equals("any")) {
            return true;
        }
        Map<String, Object> p = (Map<String, Object>) i.get("protocol");
        if (protocol.equals("grpc")) {
            return str(p.get("abbr")).equalsIgnoreCase("grpc");
        }
        return str(p.get("name")).equalsIgnoreCase(protocol)
                || str(p.get("abbr")).equalsIgnoreCase(protocol);
    }

    @SuppressWarnings("unchecked")
    private static boolean namespaceMatches(Map<String, Object> i, String groupBy, String ns) {
        if (ns == null || ns.isEmpty()) {
            return true;
        }
        String s = str(((Map<String, Object>) i.get("src")).get("namespace"));
        String d = str(((Map<String, Object>) i.get("dst")).get("namespace"));
        if (Set.of("client", "namespace", "process").contains(groupBy)) {
            return s.equals(ns);
        }
        if (Set.of("server", "service", "endpoint", "path").contains(groupBy)) {
            return d.equals(ns);
        }
        return s.equals(ns) || d.equals(ns);
    }

    /** Running pods with no traffic in the window that started before it (0 = whole capture). */
    @SuppressWarnings("unchecked")
    public Set<String> idlePods(long windowMs, String namespace) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map<String, Object> i : items) {
            long t = (long) num(i.get("timestamp"));
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        long from = windowMs > 0 ? last - windowMs : first;
        Map<String, String> byIp = new LinkedHashMap<>();
        for (JsonNode p : pods) {
            if (!p.path("spec").path("hostNetwork").asBoolean(false)) {
                byIp.put(p.path("status").path("podIP").asText(""), podKey(p));
            }
        }
        Map<String, Long> lastSeen = new LinkedHashMap<>();
        for (Map<String, Object> i : items) {
            long t = (long) num(i.get("timestamp"));
            for (String side : List.of("src", "dst")) {
                Map<String, Object> e = (Map<String, Object>) i.get(side);
                String k = Keys.isPod(e) ? who(e) : byIp.get(str(e.get("ip")));
                if (k != null) {
                    lastSeen.merge(k, t, Math::max);
                }
            }
        }
        Set<String> out = new TreeSet<>();
        for (JsonNode p : pods) {
            String k = podKey(p);
            String phase = p.path("status").path("phase").asText("Running");
            long started =
                    Instant.parse(
                                    p.path("status")
                                            .path("startTime")
                                            .asText(
                                                    p.path("metadata")
                                                            .path("creationTimestamp")
                                                            .asText("1970-01-01T00:00:00Z")))
                            .toEpochMilli();
            boolean inNs =
                    namespace == null || namespace.isEmpty() || k.startsWith(namespace + "/");
            if (inNs
                    && phase.equals("Running")
                    && lastSeen.getOrDefault(k, Long.MIN_VALUE) < from
                    && started <= from) {
                out.add(k);
            }
        }
        return out;
    }

    /** Every pod of the inventory as namespace/name. */
    public Set<String> podKeys() {
        Set<String> out = new TreeSet<>();
        pods.forEach(p -> out.add(podKey(p)));
        return out;
    }

    private static String podKey(JsonNode p) {
        return p.path("metadata").path("namespace").asText("default")
                + "/"
                + p.path("metadata").path("name").asText();
    }

    /**
     * Pods (namespace/name) with connections to addresses outside the cluster, and their processes.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Set<String>> externalConnections(String namespace) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Map<String, Object> i : items) {
            Map<String, Object> src = (Map<String, Object>) i.get("src");
            Map<String, Object> dst = (Map<String, Object>) i.get("dst");
            if (!str(dst.get("namespace")).isEmpty()
                    || Keys.isPod(dst)
                    || !External.isExternal(str(dst.get("ip")))) {
                continue;
            }
            if (namespace != null
                    && !namespace.isEmpty()
                    && !namespace.equals(str(src.get("namespace")))) {
                continue;
            }
            out.computeIfAbsent(who(src), k -> new TreeSet<>())
                    .add(
                            src.get("processName") == null
                                    ? "unknown process"
                                    : str(src.get("processName")));
        }
        return out;
    }

    /** Flows (source, destination) that the world's policies (env POLICIES) would deny. */
    @SuppressWarnings("unchecked")
    public Set<List<String>> deniedFlows() {
        NetpolModel model = new NetpolModel(policies());
        Set<List<String>> out = new LinkedHashSet<>();
        for (Map<String, Object> i : items) {
            Map<String, Object> src = (Map<String, Object>) i.get("src");
            Map<String, Object> dst = (Map<String, Object>) i.get("dst");
            if (!Keys.isPod(src) && !Keys.isPod(dst)) {
                continue;
            }
            String l4 =
                    str(((Map<String, Object>) i.get("protocol")).get("layer4"))
                            .toUpperCase(java.util.Locale.ROOT);
            if (model.denied(
                    side(src), side(dst), str(dst.get("port")), l4.isEmpty() ? "TCP" : l4)) {
                out.add(List.of(who(src), who(dst)));
            }
        }
        return out;
    }

    /** Every observed (source, destination) pair involving a pod. */
    @SuppressWarnings("unchecked")
    public Set<List<String>> flows() {
        Set<List<String>> out = new LinkedHashSet<>();
        for (Map<String, Object> i : items) {
            Map<String, Object> src = (Map<String, Object>) i.get("src");
            Map<String, Object> dst = (Map<String, Object>) i.get("dst");
            if (Keys.isPod(src) || Keys.isPod(dst)) {
                out.add(List.of(who(src), who(dst)));
            }
        }
        return out;
    }

    private List<JsonNode> policies() {
        String json = env.get("POLICIES");
        List<JsonNode> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try {
            JsonNode root = ItemJson.MAPPER.readTree(json);
            (root.has("items") ? root.get("items") : root).forEach(out::add);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("env POLICIES is not JSON: " + e.getMessage(), e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static NetpolModel.Side side(Map<String, Object> e) {
        if (!Keys.isPod(e)) {
            return new NetpolModel.Side(null, "", Map.of(), str(e.get("ip")));
        }
        Map<String, Object> pod = (Map<String, Object>) e.get("pod");
        Map<String, String> labels = new LinkedHashMap<>();
        ((Map<String, Object>) pod.getOrDefault("labels", Map.of()))
                .forEach((k, v) -> labels.put(k, str(v)));
        String ns =
                str(pod.get("namespace")).isEmpty()
                        ? str(e.get("namespace"))
                        : str(pod.get("namespace"));
        return new NetpolModel.Side(who(e), ns, labels, str(e.get("ip")));
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** Checks of the rest of the definitions (HTTP errors, latency, counts, secrets). */
    public TrafficFacts facts() {
        return new TrafficFacts(items);
    }

    /** Whether an address is outside the cluster (the private ranges of RFC 1918 and friends). */
    static final class External {
        private static final List<String> INSIDE =
                List.of(
                        "10.0.0.0/8",
                        "172.16.0.0/12",
                        "192.168.0.0/16",
                        "127.0.0.0/8",
                        "169.254.0.0/16",
                        "100.64.0.0/10",
                        "0.0.0.0/32");

        private External() {}

        static boolean isExternal(String ip) {
            if (ip.isEmpty()) {
                return false;
            }
            if (ip.contains(":")) {
                String l = ip.toLowerCase(java.util.Locale.ROOT);
                return !(l.equals("::1")
                        || l.startsWith("fc")
                        || l.startsWith("fd")
                        || l.startsWith("fe80"));
            }
            return INSIDE.stream().noneMatch(c -> NetpolModel.inCidr(ip, c));
        }
    }
}

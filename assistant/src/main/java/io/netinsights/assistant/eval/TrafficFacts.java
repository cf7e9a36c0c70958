package io.netinsights.assistant.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.netinsights.assistant.eval.GroundTruth.num;
import static io.netinsights.assistant.eval.Keys.normalizePath;
import static io.netinsights.assistant.eval.Keys.service;
import static io.netinsights.assistant.eval.Keys.str;

/**
 * The HTTP and content side of the ground truth: error rates, slow endpoints, latency anomalies by
 * median and MAD, item counts and how many items carry each sensitive field.
 */
public final class TrafficFacts {
    private static final Pattern SENSITIVE =
            Pattern.compile(
                    "^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token"
                            + "|x-access-token|x-csrf-token|x-xsrf-token)$|token|secret|passw|session|credential",
                    Pattern.CASE_INSENSITIVE);

    private final List<Map<String, Object>> items;

    TrafficFacts(List<Map<String, Object>> items) {
        this.items = items;
    }

    private boolean http(Map<String, Object> i) {
        return "http".equals(str(proto(i).get("name")))
                && i.get("request") instanceof Map
                && i.get("response") instanceof Map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> proto(Map<String, Object> i) {
        return (Map<String, Object>) i.get("protocol");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> m(Map<String, Object> i, String k) {
        return i.get(k) instanceof Map ? (Map<String, Object>) i.get(k) : Map.of();
    }

    /** Services whose share of responses with status >= minStatus is above the threshold. */
    public Set<String> errorServices(
            double thresholdPercent, int minStatus, int minRequests, String namespace) {
        Map<String, int[]> c = new TreeMap<>();
        for (Map<String, Object> i : items) {
            if (!http(i)
                    || (!namespace.isEmpty()
                            && !namespace.equals(str(m(i, "dst").get("namespace"))))) {
                continue;
            }
            int[] a = c.computeIfAbsent(service(m(i, "dst")), k -> new int[2]);
            a[0]++;
            if (num(m(i, "response").get("status")) >= minStatus) {
                a[1]++;
            }
        }
        Set<String> out = new TreeSet<>();
        c.forEach(
                (s, a) -> {
                    if (a[0] >= minRequests && a[1] * 100.0 / a[0] > thresholdPercent) {
                        out.add(s);
                    }
                });
        return out;
    }

    /** Every service that answered HTTP. */
    public Set<String> services() {
        Set<String> out = new TreeSet<>();
        items.stream().filter(this::http).forEach(i -> out.add(service(m(i, "dst"))));
        return out;
    }

    /** Endpoint key of any item: "service METHOD /path", "service DNS name" or "service PROTO". */
    @SuppressWarnings("unchecked")
    static String endpoint(Map<String, Object> i) {
        Map<String, Object> req = m(i, "request");
        String svc = service(m(i, "dst"));
        String name = str(proto(i).get("name"));
        if (name.equals("http") && req.get("path") != null) {
            return svc + " " + req.get("method") + " " + normalizePath(str(req.get("path")));
        }
        if (name.equals("dns") && req.get("questions") instanceof List<?> q && !q.isEmpty()) {
            return svc + " DNS " + ((Map<String, Object>) q.get(0)).get("name");
        }
        String abbr = str(proto(i).get("abbr"));
        return svc + " " + (abbr.isEmpty() ? name : abbr);
    }

    /** Endpoints with at least one request slower than the threshold. */
    public Set<String> slowEndpoints(long thresholdMs, String protocol, String namespace) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> i : items) {
            boolean proto = protocol.equals("any") || protocol.equals(str(proto(i).get("name")));
            boolean ns = namespace.isEmpty() || namespace.equals(str(m(i, "dst").get("namespace")));
            if (proto && ns && num(i.get("elapsedTime")) > thresholdMs) {
                out.add(endpoint(i));
            }
        }
        return out;
    }

    /** Every endpoint key. */
    public Set<String> endpoints() {
        Set<String> out = new TreeSet<>();
        items.forEach(i -> out.add(endpoint(i)));
        return out;
    }

    /**
     * HTTP endpoints with at least {@code minAnomalies} responses above median + k x max(1.4826 x
     * MAD, 5 % of the median, 1 ms), among endpoints with at least {@code minSamples} samples.
     */
    public Set<String> latencyAnomalies(double k, int minSamples, int minAnomalies) {
        Map<String, List<Double>> samples = new TreeMap<>();
        for (Map<String, Object> i : items) {
            if (http(i)) {
                samples.computeIfAbsent(endpoint(i), x -> new ArrayList<>())
                        .add(num(i.get("elapsedTime")));
            }
        }
        Set<String> out = new TreeSet<>();
        samples.forEach(
                (e, v) -> {
                    if (v.size() < minSamples) {
                        return;
                    }
                    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    double med = median(s);
                    double[] dev = Arrays.stream(s).map(x -> Math.abs(x - med)).sorted().toArray();
                    double limit =
                            med + k * Math.max(Math.max(1.4826 * median(dev), 0.05 * med), 1);
                    if (Arrays.stream(s).filter(x -> x > limit).count() >= minAnomalies) {
                        out.add(e);
                    }
                });
        return out;
    }

    private static double median(double[] s) {
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Items of a protocol ("any", "http", ...) to or from a namespace ("" = any). */
    public int count(String protocol, String namespace) {
        int n = 0;
        for (Map<String, Object> i : items) {
            boolean p =
                    protocol.equals("any")
                            || (protocol.equals("http")
                                    ? "http".equals(str(proto(i).get("name")))
                                            && i.get("request") instanceof Map
                                    : protocol.equals(str(proto(i).get("name"))));
            boolean ns =
                    namespace.isEmpty()
                            || namespace.equals(str(m(i, "src").get("namespace")))
                            || namespace.equals(str(m(i, "dst").get("namespace")));
            if (p && ns) {
                n++;
            }
        }
        return n;
    }

    /** How many items carry the header (case-insensitive) in request or response. */
    public int itemsWithHeader(String header) {
        int n = 0;
        for (Map<String, Object> i : items) {
            boolean has = false;
            for (String side : List.of("request", "response")) {
                for (Object h : m(m(i, side), "headers").keySet()) {
                    has |=
                            h.toString().toLowerCase(Locale.ROOT).equals(header)
                                    && SENSITIVE.matcher(header).find();
                }
            }
            if (has) {
                n++;
            }
        }
        return n;
    }
}

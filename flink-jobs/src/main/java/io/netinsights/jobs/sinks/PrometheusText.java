package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format (0.0.4) of {@code prometheus.metric} and {@code
 * prometheus.vector} requests. A metric request holds its value as the payload and a JSON object of
 * labels; a vector request holds {@code labelNames} and, as payload, rows that are either {@code
 * {"labels": [..] | {..}, "value": n}} or {@code [labelValue.., value]}. Types other than counter
 * and gauge are exposed as untyped; the last sample of a series wins.
 */
public final class PrometheusText {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** One sample: the family it belongs to, its label set as text, and its value. */
    public record Sample(String name, String help, String type, String labels, String value) {}

    private PrometheusText() {}

    /**
     * The samples of one request.
     *
     * @throws IllegalArgumentException for a bad metric or label name, or a malformed value
     */
    public static List<Sample> samples(SinkRequest r) {
        String name = r.getTarget();
        if (!METRIC.matcher(name).matches()) {
            throw new IllegalArgumentException("prometheus: invalid metric name '" + name + "'");
        }
        String help = r.getAttributes().getOrDefault("help", "");
        String type = type(r.getAttributes().get("type"));
        JsonNode payload = json(SinkRequests.payloadText(r), "value");
        List<Sample> out = new ArrayList<>();
        if (r.getAttributes().containsKey("labelNames")) {
            JsonNode names = json(r.getAttributes().get("labelNames"), "labelNames");
            if (!payload.isArray() || !names.isArray()) {
                throw new IllegalArgumentException(
                        "prometheus.vector: labelNames and values must be arrays");
            }
            for (JsonNode row : payload) {
                Map<String, String> labels = new LinkedHashMap<>();
                JsonNode value = row(row, names, labels);
                out.add(new Sample(name, help, type, labels(labels), value(value)));
            }
        } else {
            Map<String, String> labels = new LinkedHashMap<>();
            JsonNode given = json(r.getAttributes().getOrDefault("labels", "{}"), "labels");
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), text(e.getValue()));
            }
            out.add(new Sample(name, help, type, labels(labels), value(payload)));
        }
        return out;
    }

    /**
     * The exposition text of {@code samples}: one HELP/TYPE block per family, in first-seen order.
     */
    public static String render(List<Sample> samples) {
        Map<String, Sample> heads = new LinkedHashMap<>();
        Map<String, Map<String, String>> series = new LinkedHashMap<>();
        for (Sample s : samples) {
            heads.put(s.name(), s);
            series.computeIfAbsent(s.name(), n -> new LinkedHashMap<>()).put(s.labels(), s.value());
        }
        StringBuilder out = new StringBuilder();
        for (Sample head : heads.values()) {
            if (!head.help().isEmpty()) {
                out.append("# HELP ")
                        .append(head.name())
                        .append(' ')
                        .append(head.help().replace("\\", "\\\\").replace("\n", "\\n"))
                        .append('\n');
            }
            out.append("# TYPE ").append(head.name()).append(' ').append(head.type()).append('\n');
            for (Map.Entry<String, String> s : series.get(head.name()).entrySet()) {
                out.append(head.name())
                        .append(s.getKey())
                        .append(' ')
                        .append(s.getValue())
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static JsonNode row(JsonNode row, JsonNode names, Map<String, String> labels) {
        if (row.isObject()) {
            JsonNode given = row.path("labels");
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i).asText();
                labels.put(n, text(given.isArray() ? given.path(i) : given.path(n)));
            }
            return row.path("value");
        }
        if (row.isArray() && row.size() == names.size() + 1) {
            for (int i = 0; i < names.size(); i++) {
                labels.put(names.get(i).asText(), text(row.get(i)));
            }
            return row.get(names.size());
        }
        throw new IllegalArgumentException(
                "prometheus.vector: a row must be {labels, value} or ["
                        + names.size()
                        + " label values, value], got "
                        + row);
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!LABEL.matcher(l.getKey()).matches() || l.getKey().startsWith("__")) {
                throw new IllegalArgumentException(
                        "prometheus: invalid label name '" + l.getKey() + "'");
            }
            out.append(out.length() > 1 ? "," : "")
                    .append(l.getKey())
                    .append("=\"")
                    .append(
                            l.getValue()
                                    .replace("\\", "\\\\")
                                    .replace("\"", "\\\"")
                                    .replace("\n", "\\n"))
                    .append('"');
        }
        return out.append('}').toString();
    }

    private static String value(JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : Double.toString(d);
        }
        String t = v.isNull() || v.isMissingNode() ? "NaN" : v.asText();
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", "null" -> "NaN";
            case "infinity", "+inf", "inf" -> "+Inf";
            case "-infinity", "-inf" -> "-Inf";
            default ->
                    throw new IllegalArgumentException("prometheus: value is not a number: " + t);
        };
    }

    private static String type(String t) {
        String lower = t == null ? "" : t.toLowerCase(Locale.ROOT);
        return lower.equals("counter") || lower.equals("gauge") ? lower : "untyped";
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode()
                ? ""
                : v.isValueNode() ? v.asText() : v.toString();
    }

    private static JsonNode json(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("prometheus: " + what + " is not JSON", e);
        }
    }
}

package io.netinsights.jobs.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One InfluxDB line-protocol point from {@code vendor.influxdb}'s measurement, tags and fields
 * (JSON objects), at millisecond precision. Numbers are written as floats (JSON cannot tell 1 from
 * 1.0, and a field must keep one type), strings quoted, booleans bare, objects as JSON strings.
 */
public final class InfluxLineProtocol {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InfluxLineProtocol() {}

    /**
     * The point as one line (no trailing newline).
     *
     * @throws IllegalArgumentException when the measurement is empty, there is no field, or the
     *     tags or fields are not JSON objects
     */
    public static String line(
            String measurement, String tagsJson, String fieldsJson, long timestampMillis) {
        if (measurement == null || measurement.isEmpty()) {
            throw new IllegalArgumentException("influxdb: measurement is empty");
        }
        StringBuilder out = new StringBuilder(escape(measurement, ", "));
        for (Map.Entry<String, String> tag : tags(tagsJson).entrySet()) {
            out.append(',')
                    .append(escape(tag.getKey(), ",= "))
                    .append('=')
                    .append(escape(tag.getValue(), ",= "));
        }
        out.append(' ');
        int fields = 0;
        for (Map.Entry<String, JsonNode> f : sorted(object(fieldsJson, "fields")).entrySet()) {
            String value = fieldValue(f.getValue());
            if (value == null) {
                continue;
            }
            out.append(fields++ == 0 ? "" : ",")
                    .append(escape(f.getKey(), ",= "))
                    .append('=')
                    .append(value);
        }
        if (fields == 0) {
            throw new IllegalArgumentException("influxdb: a point needs at least one field");
        }
        return out.append(' ').append(timestampMillis).toString();
    }

    /** Tags sorted by key (Influx's recommendation); empty values are left out (Influx refuses). */
    private static Map<String, String> tags(String tagsJson) {
        Map<String, String> out = new TreeMap<>();
        if (tagsJson == null || tagsJson.isBlank()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> t : sorted(object(tagsJson, "tags")).entrySet()) {
            JsonNode v = t.getValue();
            String text = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
            if (!text.isEmpty() && !t.getKey().isEmpty()) {
                out.put(t.getKey(), text);
            }
        }
        return out;
    }

    private static String fieldValue(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return new BigDecimal(Double.toString(v.asDouble()))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        String text = v.isTextual() ? v.asText() : v.toString();
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static Map<String, JsonNode> sorted(JsonNode object) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static JsonNode object(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
            if (!node.isObject()) {
                throw new IllegalArgumentException("influxdb: " + what + " must be an object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("influxdb: " + what + " are not JSON", e);
        }
    }

    /** Backslash-escapes {@code special} characters; newlines become spaces (not allowed). */
    private static String escape(String s, String special) {
        StringBuilder out = new StringBuilder(s.length() + 4);
        for (char c : s.toCharArray()) {
            if (c == '\n' || c == '\r') {
                out.append(' ');
                continue;
            }
            if (c == '\\' || special.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

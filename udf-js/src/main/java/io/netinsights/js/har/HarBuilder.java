package io.netinsights.js.har;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a HAR 1.2 document from HTTP items in the scripting-API shape (Map/List trees); backs the
 * script helper {@code wrapper.buildHAR(items)}. Items that are not HTTP (HTTP/1.x, HTTP/2, gRPC
 * and GraphQL all have {@code protocol.name == "http"}) are skipped and counted.
 */
public final class HarBuilder {

    /** The document, how many entries it holds and how many items were skipped. */
    public record Result(String json, int entries, int skipped) {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** HAR wants ISO 8601 with milliseconds; always UTC here. */
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private static final String CREATOR_VERSION = creatorVersion();

    private HarBuilder() {}

    /** The HAR 1.2 document for the HTTP items among {@code items}, as JSON text. */
    public static String build(List<Map<String, Object>> items) {
        return convert(items).json();
    }

    /** Like {@link #build}, also reporting the entry and skipped counts. */
    public static Result convert(List<Map<String, Object>> items) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        ObjectNode creator = log.putObject("creator");
        creator.put("name", "netinsights");
        creator.put("version", CREATOR_VERSION);
        ArrayNode entries = log.putArray("entries");
        int skipped = 0;
        if (items != null) {
            for (Map<String, Object> item : items) {
                if (isHttp(item)) {
                    entries.add(entry(item));
                } else {
                    skipped++;
                }
            }
        }
        if (skipped > 0) {
            log.put("comment", "skipped " + skipped + " non-HTTP item" + (skipped == 1 ? "" : "s"));
        }
        try {
            return new Result(MAPPER.writeValueAsString(root), entries.size(), skipped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write a HAR document of " + entries.size() + " entries", e);
        }
    }

    /** HTTP items carry {@code protocol.name == "http"} and a request object. */
    static boolean isHttp(Map<String, Object> item) {
        if (item == null || !(item.get("request") instanceof Map)) {
            return false;
        }
        Map<String, Object> proto = HarFields.map(item.get("protocol"));
        return "http".equalsIgnoreCase(HarFields.str(proto.get("name")));
    }

    private static ObjectNode entry(Map<String, Object> item) {
        Map<String, Object> req = HarFields.map(item.get("request"));
        Map<String, Object> resp = HarFields.map(item.get("response"));
        Map<String, Object> dst = HarFields.map(item.get("dst"));
        ObjectNode e = MAPPER.createObjectNode();
        e.put("startedDateTime", STARTED.format(Instant.ofEpochMilli(startMillis(item))));
        Number elapsed = HarFields.num(item.get("elapsedTime"));
        double time = elapsed == null || elapsed.doubleValue() < 0 ? 0 : elapsed.doubleValue();
        putNumber(e, "time", time);
        e.set("request", HarFields.request(item, req, dst));
        e.set("response", HarFields.response(req, resp));
        e.putObject("cache");
        ObjectNode timings = e.putObject("timings");
        timings.put("send", 0);
        putNumber(timings, "wait", time);
        timings.put("receive", 0);
        String ip = HarFields.str(dst.get("ip"));
        if (!ip.isEmpty()) {
            e.put("serverIPAddress", ip);
        }
        return e;
    }

    /** The item's {@code timestamp} (Unix ms), else its RFC 3339 {@code startTime}, else 0. */
    static long startMillis(Map<String, Object> item) {
        Number ts = HarFields.num(item.get("timestamp"));
        if (ts != null) {
            return ts.longValue();
        }
        String start = HarFields.str(item.get("startTime"));
        if (!start.isEmpty()) {
            try {
                return Instant.parse(start).toEpochMilli();
            } catch (DateTimeParseException e) {
                return 0L; // unreadable startTime: the entry is still useful, dated at the epoch
            }
        }
        return 0L;
    }

    static void putNumber(ObjectNode node, String field, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            node.put(field, (long) v);
        } else {
            node.put(field, v);
        }
    }

    private static String creatorVersion() {
        String v = HarBuilder.class.getPackage().getImplementationVersion();
        return v == null || v.isEmpty() ? "dev" : v;
    }
}

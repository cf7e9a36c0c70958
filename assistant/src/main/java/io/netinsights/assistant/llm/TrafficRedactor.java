package io.netinsights.assistant.llm;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes traffic safe to show a model: values of sensitive headers (Authorization, Cookie,
 * Set-Cookie, X-Api-Key, tokens, ...), query parameters and every cookie become {@value #REDACTED},
 * and request and response bodies are replaced by their size. Works on copies.
 */
public final class TrafficRedactor {
    public static final String REDACTED = "[REDACTED]";

    private static final Pattern SENSITIVE =
            Pattern.compile(
                    "^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey"
                            + "|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token|x-amz-security-token)$"
                            + "|token|secret|passw|session|credential|auth|key|signature",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&])([^=&#]*)=([^&#]*)");

    private TrafficRedactor() {}

    /** Whether a header, query parameter or field name holds credentials. */
    public static boolean sensitive(String name) {
        return SENSITIVE.matcher(name).find();
    }

    /** The item as scripts see it, redacted. */
    public static Map<String, Object> redact(ApiItem item) {
        Map<String, Object> m = ItemJson.toMap(item);
        redactMessage(m.get("request"), "postData", "text");
        redactMessage(m.get("response"), "content", "text");
        return m;
    }

    /** A few items, redacted, one JSON object per line. */
    public static String sample(List<ApiItem> items) {
        List<String> lines = new ArrayList<>();
        for (ApiItem item : items) {
            lines.add(ItemJson.write(redact(item)));
        }
        return String.join("\n", lines);
    }

    @SuppressWarnings("unchecked")
    private static void redactMessage(Object message, String bodyObject, String bodyField) {
        if (!(message instanceof Map)) {
            return;
        }
        Map<String, Object> msg = (Map<String, Object>) message;
        named(msg.get("headers"));
        named(msg.get("queryString"));
        every(msg.get("cookies"));
        if (msg.get("url") instanceof String url) {
            msg.put("url", redactUrl(url));
        }
        if (msg.get(bodyObject) instanceof Map) {
            Map<String, Object> body =
                    new LinkedHashMap<>((Map<String, Object>) msg.get(bodyObject));
            Object text = body.get(bodyField);
            if (text != null) {
                body.put(
                        bodyField,
                        "[REDACTED body of " + text.toString().length() + " characters]");
            }
            msg.put(bodyObject, body);
        }
        // Other protocols carry values in free-form fields (Redis values, Kafka payloads).
        for (String k : List.of("value", "payload", "text", "body", "data")) {
            if (msg.containsKey(k) && msg.get(k) != null) {
                msg.put(k, REDACTED);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void named(Object map) {
        if (map instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (sensitive(e.getKey())) {
                    e.setValue(REDACTED);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void every(Object map) {
        if (map instanceof Map) {
            ((Map<String, Object>) map).replaceAll((k, v) -> REDACTED);
        }
    }

    static String redactUrl(String url) {
        Matcher m = QUERY_PARAM.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).toLowerCase(Locale.ROOT);
            String repl = sensitive(name) ? m.group(1) + m.group(2) + "=" + REDACTED : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(repl));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package io.netinsights.js.kfl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The names KFL resolves when the item has no field of that name: protocol shortcuts such as {@code
 * http} or {@code dns}, and the flat aliases of Kubeshark's KFL2 such as {@code method} or {@code
 * status_code}.
 */
final class KflNames {

    /**
     * Protocol shortcuts: a bare {@code name} is true when the item's {@code protocol.name}, {@code
     * protocol.abbr} or {@code protocol.macro}, lower-cased, is one of the spellings.
     */
    static final Map<String, Set<String>> SHORTCUTS = shortcuts();

    /** Flat aliases; each maps an item to a value, read only when the item lacks the root field. */
    static final Map<String, Function<Map<String, Object>, Object>> ALIASES = aliases();

    private KflNames() {}

    private static Map<String, Set<String>> shortcuts() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("http", Set.of("http"));
        m.put("http2", Set.of("http2", "http/2", "grpc"));
        m.put("grpc", Set.of("grpc"));
        m.put("gql", Set.of("gql", "graphql"));
        m.put("graphql", Set.of("gql", "graphql"));
        m.put("dns", Set.of("dns"));
        m.put("redis", Set.of("redis"));
        m.put("kafka", Set.of("kafka"));
        m.put("amqp", Set.of("amqp"));
        m.put("ldap", Set.of("ldap"));
        m.put("radius", Set.of("radius"));
        m.put("diameter", Set.of("diameter"));
        m.put("mongodb", Set.of("mongodb", "mongo"));
        m.put("mysql", Set.of("mysql"));
        Set<String> pg = Set.of("postgres", "postgresql", "pgsql", "pg");
        m.put("postgres", pg);
        m.put("postgresql", pg);
        m.put("ws", Set.of("ws", "websocket"));
        m.put("icmp", Set.of("icmp"));
        m.put("sctp", Set.of("sctp"));
        m.put("tcp", Set.of("tcp"));
        m.put("udp", Set.of("udp"));
        return Map.copyOf(m);
    }

    static boolean isProtocol(Map<String, Object> item, Set<String> spellings) {
        Object p = item.get("protocol");
        if (!(p instanceof Map)) {
            return false;
        }
        Map<?, ?> proto = (Map<?, ?>) p;
        return hit(proto.get("name"), spellings)
                || hit(proto.get("abbr"), spellings)
                || hit(proto.get("macro"), spellings);
    }

    private static boolean hit(Object v, Set<String> spellings) {
        return v instanceof String
                && !((String) v).isEmpty()
                && spellings.contains(((String) v).toLowerCase(Locale.ROOT));
    }

    private static Map<String, Function<Map<String, Object>, Object>> aliases() {
        Map<String, Function<Map<String, Object>, Object>> m = new LinkedHashMap<>();
        m.put("proto", item -> item.get("protocol"));
        m.put("method", item -> get(item, "request", "method"));
        m.put("path", item -> get(item, "request", "path"));
        m.put("url", item -> get(item, "request", "url"));
        m.put("status_code", item -> get(item, "response", "status"));
        m.put("status", item -> get(item, "response", "status"));
        m.put("http_version", item -> get(item, "request", "httpVersion"));
        m.put("query_string", item -> get(item, "request", "queryString"));
        m.put("request_body_size", item -> get(item, "request", "bodySize"));
        m.put("response_body_size", item -> get(item, "response", "bodySize"));
        m.put("elapsed_time", KflNames::elapsedMicros);
        m.put("namespaces", KflNames::namespaces);
        m.put("dns_questions", item -> questions(item, "name"));
        m.put("dns_question_types", item -> questions(item, "type"));
        m.put(
                "dns_request",
                item -> isProtocol(item, SHORTCUTS.get("dns")) && item.get("request") != null);
        m.put(
                "dns_response",
                item -> isProtocol(item, SHORTCUTS.get("dns")) && item.get("response") != null);
        m.put("kafka_api_key_name", item -> get(item, "request", "apiKeyName"));
        m.put("kafka_client_id", item -> get(item, "request", "clientID"));
        return Map.copyOf(m);
    }

    private static Object get(Map<String, Object> item, String first, String second) {
        Object o = item.get(first);
        return o instanceof Map ? ((Map<?, ?>) o).get(second) : null;
    }

    /** KFL2's {@code elapsed_time} is in microseconds; the item's {@code elapsedTime} is in ms. */
    private static Object elapsedMicros(Map<String, Object> item) {
        Object ms = item.get("elapsedTime");
        if (!(ms instanceof Number)) {
            return null;
        }
        double v = ((Number) ms).doubleValue() * 1000;
        return v == Math.rint(v) ? (Object) (long) v : (Object) v;
    }

    private static Object namespaces(Map<String, Object> item) {
        List<Object> out = new ArrayList<>();
        for (String side : new String[] {"src", "dst"}) {
            Object ns = get(item, side, "namespace");
            if (ns instanceof String && !((String) ns).isEmpty() && !out.contains(ns)) {
                out.add(ns);
            }
        }
        return out;
    }

    private static Object questions(Map<String, Object> item, String field) {
        Object qs = get(item, "request", "questions");
        List<Object> out = new ArrayList<>();
        if (qs instanceof List) {
            for (Object q : (List<?>) qs) {
                if (q instanceof Map && ((Map<?, ?>) q).get(field) != null) {
                    out.add(((Map<?, ?>) q).get(field));
                }
            }
        }
        return out;
    }
}

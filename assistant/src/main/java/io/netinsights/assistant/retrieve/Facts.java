package io.netinsights.assistant.retrieve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What slot extraction found in a question: named values (count, protocol, namespace, interval,
 * window, latencyMs, percent, minStatus, groupBy, metric, sink, stream, url, bucket, prefix,
 * region, redactBodies, fields, cidrs, filter), the phrase each came from, and any topic the
 * traffic cannot answer.
 *
 * @param values extracted values by fact name
 * @param evidence the words of the question each value came from
 * @param unsupported topics mentioned that no script over traffic can answer
 */
public record Facts(
        Map<String, Object> values, Map<String, String> evidence, List<String> unsupported) {
    public Facts {
        values = new LinkedHashMap<>(values);
        evidence = new LinkedHashMap<>(evidence);
        unsupported = List.copyOf(unsupported);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object get(String name) {
        return values.get(name);
    }

    /** These facts with {@code newer}'s values on top (a follow-up overrides what it mentions). */
    public Facts with(Facts newer) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.putAll(newer.values);
        Map<String, String> e = new LinkedHashMap<>(evidence);
        e.putAll(newer.evidence);
        return new Facts(v, e, newer.unsupported);
    }
}

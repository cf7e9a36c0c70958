package io.netinsights.assistant.retrieve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds slot values in a question with patterns: N of a top-N, report intervals ("every minute",
 * "every 5m"), look-back windows ("in the last 10 minutes"), latency thresholds ("slower than
 * 500ms"), percentages, status classes, namespaces, protocols, what to rank by, sinks (Kinesis
 * stream, webhook URL, S3 bucket), regions and redaction wishes. Deterministic and offline.
 */
public final class SlotExtractor {
    private static final String NUM =
            "(\\d+(?:\\.\\d+)?|" + String.join("|", Vocabulary.NUMBERS.keySet()) + ")";
    private static final String UNIT =
            "(milliseconds?|millis|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)";
    private static final Pattern TOP_N =
            Pattern.compile(
                    "\\b(?:top|first|the)\\s+"
                            + NUM
                            + "\\b(?!\\s*(?:%|percent|ms|milli|sec|min|hour))");
    private static final Pattern N_MOST =
            Pattern.compile(
                    "\\b"
                            + NUM
                            + "\\s+(?:most|busiest|largest|biggest|chattiest|heaviest|slowest|noisiest|top|leading)\\b");
    private static final Pattern EVERY =
            Pattern.compile(
                    "\\b(?:every|each|once an?|once every)\\s+(?:" + NUM + "\\s*)?" + UNIT + "\\b");
    private static final Pattern HOURLY = Pattern.compile("\\b(hourly|minutely|daily)\\b");
    private static final Pattern WINDOW =
            Pattern.compile(
                    "\\b(?:in|over|during|for|within|from)\\s+the\\s+(?:last|past|previous)\\s+(?:"
                            + NUM
                            + "\\s*)?"
                            + UNIT
                            + "\\b");
    private static final Pattern LATENCY =
            Pattern.compile(
                    "(?:slower than|longer than|more than|over|above|exceeding|exceeds|greater than|beyond|>=?|at least)\\s*"
                            + NUM
                            + "\\s*"
                            + UNIT
                            + "\\b");
    private static final Pattern LATENCY_BARE =
            Pattern.compile("\\b" + NUM + "\\s*(ms|milliseconds?|seconds?|s)\\b");
    private static final Pattern PERCENT =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:%|percent\\b)");
    private static final Pattern NAMESPACE =
            Pattern.compile(
                    "\\bnamespace\\s+[\"'`]?([a-z0-9][-a-z0-9]*)[\"'`]?|\\b(?:in|of|from|to)\\s+(?:the\\s+)?[\"'`]?([a-z0-9][-a-z0-9]*)[\"'`]?\\s+namespace\\b|\\bns[:=\\s]+([a-z0-9][-a-z0-9]*)|\\s-n\\s+([a-z0-9][-a-z0-9]*)");
    private static final Pattern URL = Pattern.compile("\\bhttps?://[^\\s\"'`<>]+");
    private static final Pattern S3_URL =
            Pattern.compile("\\bs3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/([^\\s\"'`]*))?");
    private static final Pattern BUCKET =
            Pattern.compile(
                    "\\bbucket\\s+(?:named\\s+|called\\s+)?[\"'`]?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])[\"'`]?");
    private static final Pattern STREAM =
            Pattern.compile(
                    "\\b(?:kinesis\\s+stream|stream\\s+named|stream\\s+called|data\\s+stream)\\s+[\"'`]?([A-Za-z0-9_.-]+)[\"'`]?|\\bstream\\s+[\"'`]([A-Za-z0-9_.-]+)[\"'`]",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern REGION =
            Pattern.compile(
                    "\\b((?:us|eu|ap|sa|ca|me|af|il)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\\d)\\b");
    private static final Pattern CIDR =
            Pattern.compile("\\b(\\d{1,3}(?:\\.\\d{1,3}){3}/\\d{1,2})\\b");
    private static final Pattern REDACT_BODIES =
            Pattern.compile(
                    "\\b(?:redact|mask|hide|strip|drop|remove|without|no)\\s+(?:the\\s+|request\\s+|response\\s+|all\\s+)*(?:bodies|body|payloads?)\\b|\\b(?:bodies|body|payloads?)\\s+(?:redacted|masked|removed|stripped)\\b");
    private static final Pattern KEEP_BODIES =
            Pattern.compile(
                    "\\b(?:keep|include|including|with|unredacted)\\s+(?:the\\s+|request\\s+|response\\s+|full\\s+)*(?:bodies|body|payloads?)\\b");
    private static final Pattern FIELDS =
            Pattern.compile(
                    "\\b(?:also\\s+)?(?:redact|mask|hide)\\s+(?:the\\s+)?(?:header|field|parameter)s?\\s+([A-Za-z0-9_,\\s-]+?)(?:\\s+(?:and|too|as well)\\b|[.?!]|$)");
    private static final List<String> NOT_NAMESPACES =
            List.of(
                    "the",
                    "a",
                    "an",
                    "each",
                    "every",
                    "any",
                    "all",
                    "this",
                    "that",
                    "same",
                    "one",
                    "per",
                    "by",
                    "kubernetes",
                    "k8s",
                    "given",
                    "which",
                    "whole",
                    "their",
                    "its",
                    "own",
                    "some",
                    "single",
                    "other");

    /** Extracts every fact it can find in {@code question}. */
    public Facts extract(String question) {
        String q = " " + question.toLowerCase(Locale.ROOT).replace('\u2019', '\'') + " ";
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, String> ev = new LinkedHashMap<>();
        count(q, v, ev);
        durations(q, v, ev);
        thresholds(q, v, ev);
        namespace(q, v, ev);
        words(q, v, ev);
        sinks(question, q, v, ev);
        redaction(q, v, ev);
        return new Facts(v, ev, unsupported(q));
    }

    private static void count(String q, Map<String, Object> v, Map<String, String> ev) {
        for (Pattern p : List.of(TOP_N, N_MOST)) {
            Matcher m = p.matcher(q);
            if (m.find()) {
                put(v, ev, "count", (long) number(m.group(1)), m.group());
                return;
            }
        }
    }

    private static void durations(String q, Map<String, Object> v, Map<String, String> ev) {
        Matcher m = EVERY.matcher(q);
        if (m.find()) {
            put(
                    v,
                    ev,
                    "interval",
                    Math.max(1, Math.round(seconds(m.group(1), m.group(2)))),
                    m.group());
        } else if ((m = HOURLY.matcher(q)).find()) {
            long s = m.group(1).equals("hourly") ? 3600 : m.group(1).equals("daily") ? 86400 : 60;
            put(v, ev, "interval", s, m.group());
        }
        m = WINDOW.matcher(q);
        if (m.find()) {
            put(v, ev, "window", Math.round(seconds(m.group(1), m.group(2)) * 1000), m.group());
        }
    }

    private static void thresholds(String q, Map<String, Object> v, Map<String, String> ev) {
        Matcher m = LATENCY.matcher(q);
        if (m.find() && !m.group(2).startsWith("d")) {
            put(v, ev, "latencyMs", Math.round(seconds(m.group(1), m.group(2)) * 1000), m.group());
        } else if ((m = LATENCY_BARE.matcher(q)).find()) {
            put(v, ev, "latencyMs", Math.round(seconds(m.group(1), m.group(2)) * 1000), m.group());
        }
        m = PERCENT.matcher(q);
        if (m.find()) {
            put(v, ev, "percent", Double.parseDouble(m.group(1)), m.group());
        }
        if (q.matches("(?s).*\\b4xx\\b.*")
                || q.contains("client error")
                || q.contains("4xx and 5xx")) {
            put(v, ev, "minStatus", 400L, "4xx");
        } else if (q.matches("(?s).*\\b(5xx|server errors?|500s)\\b.*")) {
            put(v, ev, "minStatus", 500L, "5xx");
        }
        m =
                Pattern.compile(
                                "\\b(\\d+(?:\\.\\d+)?)\\s*(?:x|sigma|mads?|standard deviations?)\\b")
                        .matcher(q);
        if (m.find()) {
            put(v, ev, "sensitivity", Double.parseDouble(m.group(1)), m.group());
        }
    }

    private static void namespace(String q, Map<String, Object> v, Map<String, String> ev) {
        Matcher m = NAMESPACE.matcher(q);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                String ns = m.group(g);
                if (ns != null
                        && !NOT_NAMESPACES.contains(ns)
                        && !Vocabulary.GROUP_BY.containsKey(ns)) {
                    put(v, ev, "namespace", ns, m.group().strip());
                    return;
                }
            }
        }
        if (q.contains("every namespace")
                || q.contains("all namespaces")
                || q.contains("any namespace")) {
            put(v, ev, "namespace", "", "all namespaces");
        }
    }

    private static void words(String q, Map<String, Object> v, Map<String, String> ev) {
        int best = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : Vocabulary.PROTOCOLS.entrySet()) {
            int at = indexOfWord(q, e.getKey());
            if (at >= 0 && at < best) {
                best = at;
                put(v, ev, "protocol", e.getValue(), e.getKey());
            }
        }
        String by = explicitBy(q);
        if (by != null) {
            put(v, ev, "groupBy", Vocabulary.GROUP_BY.get(by), "by " + by);
        } else {
            best = Integer.MAX_VALUE;
            for (Map.Entry<String, String> e : Vocabulary.GROUP_BY.entrySet()) {
                int at = indexOfWord(q, e.getKey());
                if (at >= 0 && at < best) {
                    best = at;
                    String g = e.getValue();
                    if (g.equals("client")
                            && e.getKey().startsWith("pod")
                            && q.matches("(?s).*\\b(receiv|serv|called)\\w*.*")) {
                        g = "server";
                    }
                    put(v, ev, "groupBy", g, e.getKey());
                }
            }
        }
        for (Map.Entry<String, String> e : Vocabulary.METRICS.entrySet()) {
            if (indexOfWord(q, e.getKey()) >= 0) {
                put(v, ev, "metric", e.getValue(), e.getKey());
                break;
            }
        }
        if (!v.containsKey("metric")
                && q.matches("(?s).*\\b(most|number of|count of|how many)\\b.*")) {
            put(v, ev, "metric", "count", "most");
        }
    }

    /** "by domain", "per service": an explicit grouping (a metric after "by" is no grouping). */
    private static String explicitBy(String q) {
        Matcher m =
                Pattern.compile("\\b(?:by|per|for each|grouped by)\\s+([a-z]+(?:\\s[a-z]+)?)")
                        .matcher(q);
        while (m.find()) {
            String two = m.group(1);
            String one = two.split(" ")[0];
            if (Vocabulary.GROUP_BY.containsKey(two)) {
                return two;
            }
            if (Vocabulary.GROUP_BY.containsKey(one)) {
                return one;
            }
        }
        return null;
    }

    private static void sinks(
            String original, String q, Map<String, Object> v, Map<String, String> ev) {
        Matcher m = URL.matcher(original);
        if (m.find()) {
            put(v, ev, "url", m.group().replaceAll("[.,;:!?)]+$", ""), m.group());
        }
        if (indexOfWord(q, "kinesis") >= 0) {
            put(v, ev, "sink", "kinesis", "kinesis");
        } else if (indexOfWord(q, "webhook") >= 0 || v.containsKey("url")) {
            put(v, ev, "sink", "webhook", v.containsKey("url") ? "a URL" : "webhook");
        } else if (indexOfWord(q, "s3") >= 0
                || q.contains("s3://")
                || indexOfWord(q, "bucket") >= 0) {
            put(v, ev, "sink", "s3", "s3");
        }
        if ((m = S3_URL.matcher(q)).find()) {
            put(v, ev, "bucket", m.group(1), m.group());
            if (m.group(2) != null && !m.group(2).isEmpty()) {
                put(
                        v,
                        ev,
                        "prefix",
                        m.group(2).endsWith("/") ? m.group(2) : m.group(2) + "/",
                        m.group());
            }
        } else if ((m = BUCKET.matcher(q)).find()
                && !List.of("for", "with", "and", "every", "in").contains(m.group(1))) {
            put(v, ev, "bucket", m.group(1), m.group());
        }
        if ((m = STREAM.matcher(original)).find()) {
            put(v, ev, "stream", m.group(1) != null ? m.group(1) : m.group(2), m.group());
        }
        if ((m = REGION.matcher(q)).find()) {
            put(v, ev, "region", m.group(1), m.group());
        }
        List<String> cidrs = new ArrayList<>();
        m = CIDR.matcher(q);
        while (m.find()) {
            cidrs.add(m.group(1));
        }
        if (!cidrs.isEmpty()) {
            put(v, ev, "cidrs", cidrs, String.join(", ", cidrs));
        }
    }

    private static void redaction(String q, Map<String, Object> v, Map<String, String> ev) {
        Matcher m = REDACT_BODIES.matcher(q);
        if (m.find()) {
            put(v, ev, "redactBodies", true, m.group());
        } else if ((m = KEEP_BODIES.matcher(q)).find()) {
            put(v, ev, "redactBodies", false, m.group());
        }
        if ((m = FIELDS.matcher(q)).find()) {
            List<String> fields = new ArrayList<>();
            for (String f : m.group(1).split("[,\\s]+")) {
                if (!f.isBlank() && !f.equals("and")) {
                    fields.add(f.strip());
                }
            }
            put(v, ev, "fields", fields, m.group());
        }
    }

    private static List<String> unsupported(String q) {
        List<String> out = new ArrayList<>();
        for (String w : Vocabulary.UNSUPPORTED) {
            if (indexOfWord(q, w) >= 0) {
                out.add(w);
            }
        }
        out.sort(null);
        return out;
    }

    static int indexOfWord(String q, String word) {
        Matcher m =
                Pattern.compile("(?<![a-z0-9_./-])" + Pattern.quote(word) + "(?![a-z0-9_/-])")
                        .matcher(q);
        return m.find() ? m.start() : -1;
    }

    private static double number(String s) {
        Integer w = Vocabulary.NUMBERS.get(s);
        return w != null ? w : Double.parseDouble(s);
    }

    /** Seconds of "N unit" (N may be absent: "every minute" is one minute). */
    static double seconds(String n, String unit) {
        double k = n == null ? 1 : number(n);
        if (unit.startsWith("ms") || unit.startsWith("milli") || unit.startsWith("msec")) {
            return k / 1000;
        }
        if (unit.startsWith("h")) {
            return k * 3600;
        }
        if (unit.startsWith("d")) {
            return k * 86400;
        }
        if (unit.startsWith("m")) {
            return k * 60;
        }
        return k;
    }

    private static void put(
            Map<String, Object> v, Map<String, String> ev, String k, Object value, String from) {
        v.put(k, value);
        ev.put(k, from.strip());
    }
}

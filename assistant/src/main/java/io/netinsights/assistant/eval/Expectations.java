package io.netinsights.assistant.eval;

import io.netinsights.assistant.run.RunResult;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares what a script produced with the expected answer of its question, computed by {@link
 * GroundTruth}: rankings in order, sets of pods, services, endpoints or flows, HAR exports and S3
 * recordings (counts, targets, unique keys, no secrets), and redaction reports.
 */
final class Expectations {
    /** Whether the output was right, and what differed when it was not. */
    record Verdict(boolean correct, String detail) {}

    private final GroundTruth truth;
    private final Set<String> injectedAnomalies;

    Expectations(GroundTruth truth, Set<String> injectedAnomalies) {
        this.truth = truth;
        this.injectedAnomalies = injectedAnomalies;
    }

    Verdict check(Question q, RunResult run) {
        Map<String, Object> e = q.expect();
        List<String> report = run.finalReport();
        TrafficFacts f = truth.facts();
        return switch (q.check()) {
            case "top-n" -> {
                String g = str(e, "groupBy", "client");
                List<String> want =
                        truth.topN(
                                g,
                                str(e, "protocol", "any"),
                                str(e, "metric", "count"),
                                str(e, "namespace", ""),
                                num(e, "n", 5));
                yield same(want, ReportMatcher.firstMentions(report, truth.universe(g)));
            }
            case "idle-pods" ->
                    sameSet(
                            truth.idlePods(num(e, "window", 0) * 1000L, str(e, "namespace", "")),
                            ReportMatcher.firstMentions(report, truth.podKeys()));
            case "latency-anomalies" ->
                    sameSet(
                            injectedAnomalies.isEmpty()
                                    ? f.latencyAnomalies(5, 20, 3)
                                    : injectedAnomalies,
                            ReportMatcher.firstMentions(report, f.endpoints()));
            case "external" -> external(e, report);
            case "netpol" -> {
                Set<List<String>> want = truth.deniedFlows();
                Set<List<String>> got = ReportMatcher.pairs(report, truth.flows());
                yield want.equals(got) ? ok() : wrong("denied flows " + got + ", expected " + want);
            }
            case "error-rates" ->
                    sameSet(
                            f.errorServices(
                                    dbl(e, "threshold", 1),
                                    num(e, "minStatus", 500),
                                    num(e, "minRequests", 10),
                                    str(e, "namespace", "")),
                            ReportMatcher.firstMentions(report, f.services()));
            case "slow" ->
                    sameSet(
                            f.slowEndpoints(
                                    num(e, "threshold", 500),
                                    str(e, "protocol", "any"),
                                    str(e, "namespace", "")),
                            ReportMatcher.firstMentions(report, f.endpoints()));
            case "har" -> har(e, run, f);
            case "s3" -> s3(e, run, f);
            case "redaction" -> redaction(e, report, f);
            default -> wrong("unknown check " + q.check());
        };
    }

    private Verdict external(Map<String, Object> e, List<String> report) {
        Map<String, Set<String>> want = truth.externalConnections(str(e, "namespace", ""));
        Verdict v =
                sameSet(
                        want.keySet(),
                        ReportMatcher.firstMentions(report, truth.universe("client")));
        if (!v.correct() || !Boolean.TRUE.equals(e.get("processes"))) {
            return v;
        }
        for (Map.Entry<String, Set<String>> w : want.entrySet()) {
            String name = w.getKey().substring(w.getKey().indexOf('/') + 1);
            boolean found =
                    report.stream()
                            .anyMatch(
                                    l ->
                                            l.contains(name)
                                                    && w.getValue().stream().allMatch(l::contains));
            if (!found) {
                return wrong(
                        "no line names " + w.getKey() + " with its process(es) " + w.getValue());
            }
        }
        return ok();
    }

    private Verdict har(Map<String, Object> e, RunResult run, TrafficFacts f) {
        SinkKind kind = SinkKind.valueOf(str(e, "sink", "kinesis").toUpperCase(Locale.ROOT));
        String target = str(e, "target", "");
        int entries = 0;
        for (SinkRequest r : run.sinkRequests()) {
            if (r.getKind() != kind || (!target.isEmpty() && !target.equals(r.getTarget()))) {
                return wrong(
                        "sink request to "
                                + r.getKind()
                                + " "
                                + r.getTarget()
                                + ", expected "
                                + kind
                                + " "
                                + target);
            }
            String payload = RunResult.payloadText(r);
            if (payload.contains(World.SECRET_MARK)) {
                return wrong("a HAR document carries an unredacted credential");
            }
            entries += json(payload).path("log").path("entries").size();
        }
        int want = f.count("http", str(e, "namespace", ""));
        return entries == want ? ok() : wrong(entries + " HAR entries sent, expected " + want);
    }

    private Verdict s3(Map<String, Object> e, RunResult run, TrafficFacts f) {
        Set<String> keys = new HashSet<>();
        int lines = 0;
        String bucket = str(e, "bucket", "");
        for (SinkRequest r : run.sinkRequests()) {
            if (r.getKind() != SinkKind.S3
                    || (!bucket.isEmpty() && !bucket.equals(r.getTarget()))) {
                return wrong(
                        "sink request to "
                                + r.getKind()
                                + " "
                                + r.getTarget()
                                + ", expected S3 "
                                + bucket);
            }
            if (!keys.add(r.getKey())) {
                return wrong("object key " + r.getKey() + " written twice: not write-once");
            }
            String payload = RunResult.payloadText(r);
            if (payload.contains(World.SECRET_MARK)
                    || (!Boolean.FALSE.equals(e.get("bodiesRedacted"))
                            && payload.contains(World.CARD_NUMBER))) {
                return wrong("a recording carries unredacted sensitive data");
            }
            lines += (int) payload.lines().filter(l -> !l.isBlank()).count();
        }
        int want = f.count(str(e, "protocol", "any"), str(e, "namespace", ""));
        return lines == want && want > 0
                ? ok()
                : wrong(lines + " items recorded, expected " + want);
    }

    private Verdict redaction(Map<String, Object> e, List<String> report, TrafficFacts f) {
        @SuppressWarnings("unchecked")
        List<String> fields =
                (List<String>)
                        e.getOrDefault("fields", List.of("authorization", "cookie", "x-api-key"));
        for (String field : fields) {
            int want = f.itemsWithHeader(field);
            Pattern p =
                    Pattern.compile(
                            "(?i)(?<![\\w-])"
                                    + Pattern.quote(field)
                                    + "(?![\\w-]).*?(?<!\\d)"
                                    + want
                                    + "(?!\\d)");
            if (report.stream().noneMatch(l -> p.matcher(l).find())) {
                return wrong("no line reports " + field + " with " + want + " item(s)");
            }
        }
        return ok();
    }

    private static Verdict same(List<String> want, List<String> got) {
        return want.equals(got) ? ok() : wrong("got " + got + ", expected " + want);
    }

    private static Verdict sameSet(Set<String> want, List<String> got) {
        Set<String> g = new java.util.TreeSet<>(got);
        return want.equals(g) && !want.isEmpty()
                ? ok()
                : wrong("got " + g + ", expected " + new ArrayList<>(want));
    }

    private static JsonNode json(String s) {
        try {
            return io.netinsights.schemas.json.ItemJson.MAPPER.readTree(s);
        } catch (java.io.IOException x) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static Verdict ok() {
        return new Verdict(true, "");
    }

    private static Verdict wrong(String why) {
        return new Verdict(false, why);
    }

    private static String str(Map<String, Object> e, String k, String d) {
        Object v = e.get(k);
        return v == null ? d : v.toString();
    }

    private static int num(Map<String, Object> e, String k, int d) {
        Object v = e.get(k);
        return v instanceof Number n
                ? n.intValue()
                : v == null ? d : Integer.parseInt(v.toString());
    }

    private static double dbl(Map<String, Object> e, String k, double d) {
        Object v = e.get(k);
        return v instanceof Number n
                ? n.doubleValue()
                : v == null ? d : Double.parseDouble(v.toString());
    }
}

package io.netinsights.js;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scripting API this runtime registers: every hook the engine calls and every helper a script
 * can call, with signature, where it runs and its cost class. The validator and the assistant read
 * it; {@code ApiIndexTest} checks it against the helpers the runtime actually installs, so it
 * cannot drift.
 */
public final class ApiIndex {

    /** Where a hook fires or a helper may be called. */
    public enum RunsOn {
        WORKERS,
        HUB,
        BOTH
    }

    /**
     * How expensive a helper is: LOCAL runs in the script instance, EMIT appends a record to a side
     * output, SINK leaves the process through a Flink sink (never call it per item).
     */
    public enum Cost {
        LOCAL,
        EMIT,
        SINK
    }

    /** A global function the engine calls when it is defined. */
    public record Hook(String name, List<String> params, RunsOn runsOn, String doc) {}

    /** A helper function reachable from a global object, for example {@code vendor.s3.put}. */
    public record Helper(String path, String signature, RunsOn runsOn, Cost cost, String doc) {}

    public static final List<Hook> HOOKS =
            List.of(
                    new Hook(
                            "onItemCaptured",
                            List.of("data"),
                            RunsOn.WORKERS,
                            "each reassembled API item"),
                    new Hook(
                            "onPacketCaptured",
                            List.of("info"),
                            RunsOn.WORKERS,
                            "each packet: {timestamp, captureLength, length, truncated, fragmented}"),
                    new Hook(
                            "onItemQueried",
                            List.of("data"),
                            RunsOn.WORKERS,
                            "a stored item read back for display or export; the returned object"
                                    + " replaces it"),
                    new Hook(
                            "onHubAction",
                            List.of("action", "object"),
                            RunsOn.HUB,
                            "each hub.action(action, object) call from any worker"),
                    new Hook(
                            "onPodEvent",
                            List.of("event", "pod"),
                            RunsOn.BOTH,
                            "each pod watch event: ADDED, MODIFIED or DELETED"),
                    new Hook(
                            "onJobPassed",
                            List.of("tag", "cron", "limit"),
                            RunsOn.BOTH,
                            "after a scheduled job ran without throwing"),
                    new Hook(
                            "onJobFailed",
                            List.of("tag", "cron", "limit", "err"),
                            RunsOn.BOTH,
                            "after a scheduled job threw; err is the message"));

    public static final List<Helper> HELPERS =
            List.of(
                    h(
                            "console.log",
                            "console.log(...args)",
                            Cost.EMIT,
                            "print to the script's console stream; objects as JSON"),
                    h(
                            "console.error",
                            "console.error(...args)",
                            Cost.EMIT,
                            "print an error line to the console stream"),
                    h("console.clear", "console.clear()", Cost.EMIT, "clear the console view"),
                    h(
                            "utils.nodeName",
                            "utils.nodeName() -> string",
                            Cost.LOCAL,
                            "the worker key (node name), or \"hub\""),
                    h(
                            "hub.action",
                            "hub.action(action, object)",
                            Cost.EMIT,
                            "ship a JSON-able object to the hub's onHubAction"),
                    h(
                            "jobs.schedule",
                            "jobs.schedule(tag, cron, fn, limit?, ...args)",
                            Cost.LOCAL,
                            "run fn(...args) on a 6-field cron with seconds first; limit = max"
                                    + " runs, 0 = unlimited"),
                    h("jobs.list", "jobs.list() -> [tag]", Cost.LOCAL, "tags of scheduled jobs"),
                    h("jobs.remove", "jobs.remove(tag)", Cost.LOCAL, "remove a job"),
                    h("jobs.removeAll", "jobs.removeAll()", Cost.LOCAL, "remove all jobs"),
                    h("jobs.run", "jobs.run(tag)", Cost.LOCAL, "run a job now"),
                    h("jobs.runAll", "jobs.runAll()", Cost.LOCAL, "run every job now"),
                    h(
                            "jobs.scheduler.isRunning",
                            "jobs.scheduler.isRunning() -> bool",
                            Cost.LOCAL,
                            "whether scheduled jobs fire"),
                    h(
                            "jobs.scheduler.start",
                            "jobs.scheduler.start()",
                            Cost.LOCAL,
                            "let scheduled jobs fire"),
                    h(
                            "jobs.scheduler.stop",
                            "jobs.scheduler.stop()",
                            Cost.LOCAL,
                            "pause scheduled jobs"),
                    h(
                            "vendor.webhook",
                            "vendor.webhook(method, url, body, headers?) -> string",
                            Cost.SINK,
                            "HTTP call delivered by the webhook sink"),
                    h(
                            "vendor.slack",
                            "vendor.slack(webhookUrl, pretext, text, color)",
                            Cost.SINK,
                            "Slack incoming webhook message"),
                    h(
                            "vendor.kinesis.put",
                            "vendor.kinesis.put(stream, payload, region, keyId?, secret?)",
                            Cost.SINK,
                            "put a record on a Kinesis stream"),
                    h(
                            "vendor.s3.put",
                            "vendor.s3.put(bucket, path, region, keyId?, secret?) -> url",
                            Cost.SINK,
                            "upload a file written with file.* to S3"),
                    h(
                            "vendor.s3.putObject",
                            "vendor.s3.putObject(bucket, key, content, region?) -> url",
                            Cost.SINK,
                            "upload in-memory content to S3"),
                    h(
                            "vendor.elastic",
                            "vendor.elastic(url, index, doc, user?, pass?)",
                            Cost.SINK,
                            "index a document in Elasticsearch"),
                    h(
                            "vendor.influxdb",
                            "vendor.influxdb(url, token, org, bucket, measurement, fields, tags?)",
                            Cost.SINK,
                            "write a point to InfluxDB"),
                    h(
                            "prometheus.metric",
                            "prometheus.metric(name, help, type, value, labels?)",
                            Cost.SINK,
                            "export a metric (gauge or counter)"),
                    h(
                            "prometheus.vector",
                            "prometheus.vector(name, help, type, labelNames, values)",
                            Cost.SINK,
                            "export a metric vector"),
                    h(
                            "kfl.match",
                            "kfl.match(query, data) -> bool",
                            Cost.LOCAL,
                            "whether an item matches a KFL filter; throws on a bad query"),
                    h(
                            "kfl.validate",
                            "kfl.validate(query) -> bool",
                            Cost.LOCAL,
                            "whether a KFL filter is valid"),
                    h(
                            "policy.evaluate",
                            "policy.evaluate(flowOrItem) -> {allowed, flow, ingress, egress}",
                            Cost.LOCAL,
                            "network-policy decision on an item or flow (needs --policies)"),
                    h(
                            "policy.allowed",
                            "policy.allowed(flowOrItem) -> bool",
                            Cost.LOCAL,
                            "whether the loaded network policies allow an item's flow"),
                    h(
                            "policy.list",
                            "policy.list() -> [\"namespace/name\", ...]",
                            Cost.LOCAL,
                            "the loaded network policies"),
                    h(
                            "wrapper.joinMaps",
                            "wrapper.joinMaps(a, b) -> object",
                            Cost.LOCAL,
                            "merge count maps by adding numeric values"),
                    h(
                            "wrapper.buildHAR",
                            "wrapper.buildHAR(items) -> string",
                            Cost.LOCAL,
                            "HTTP items to a HAR document"),
                    h("test.pass", "test.pass(data) -> data", Cost.LOCAL, "set data.passed"),
                    h("test.fail", "test.fail(data) -> data", Cost.LOCAL, "set data.failed"),
                    h(
                            "file.write",
                            "file.write(path, content)",
                            Cost.LOCAL,
                            "write a file in the instance's in-memory file area"),
                    h(
                            "file.append",
                            "file.append(path, content)",
                            Cost.LOCAL,
                            "append to a file in the in-memory file area"),
                    h("file.read", "file.read(path) -> string", Cost.LOCAL, "read a file"),
                    h("file.delete", "file.delete(path)", Cost.LOCAL, "delete a file"),
                    h("file.mkdir", "file.mkdir(path)", Cost.LOCAL, "create a directory"),
                    h("file.move", "file.move(from, to)", Cost.LOCAL, "rename a file"),
                    h("file.copy", "file.copy(from, to)", Cost.LOCAL, "copy a file"),
                    h(
                            "file.stat",
                            "file.stat(path) -> {size, isDir}",
                            Cost.LOCAL,
                            "size of a file"),
                    h(
                            "file.temp",
                            "file.temp(name, dir?, ext?) -> path",
                            Cost.LOCAL,
                            "a fresh temporary file path"));

    /** Globals a script may use that are not helpers: the env object and ES5 built-ins. */
    public static final Set<String> OTHER_GLOBALS = Set.of("env");

    private ApiIndex() {}

    private static Helper h(String path, String sig, Cost cost, String doc) {
        return new Helper(path, sig, RunsOn.BOTH, cost, doc);
    }

    public static Optional<Hook> hook(String name) {
        return HOOKS.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public static Optional<Helper> helper(String path) {
        return HELPERS.stream().filter(h -> h.path().equals(path)).findFirst();
    }

    /** The global objects that hold helpers: console, utils, hub, jobs, vendor, ... */
    public static Set<String> helperRoots() {
        return HELPERS.stream()
                .map(h -> h.path().substring(0, h.path().indexOf('.')))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Every helper path and every intermediate object path ("vendor", "vendor.s3", ...). */
    public static Set<String> allPaths() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Helper h : HELPERS) {
            String p = h.path();
            int i = -1;
            while ((i = p.indexOf('.', i + 1)) > 0) {
                out.add(p.substring(0, i));
            }
            out.add(p);
        }
        return out;
    }

    /** The index as a JSON-able map, for the assistant and for {@code validate --api}. */
    public static Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hooks", HOOKS);
        m.put("helpers", HELPERS);
        m.put("globals", OTHER_GLOBALS);
        return m;
    }
}

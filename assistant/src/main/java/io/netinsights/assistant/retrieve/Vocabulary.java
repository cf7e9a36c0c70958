package io.netinsights.assistant.retrieve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words slot extraction knows: numbers written out, protocol names, what a ranking can be per
 * and by, and topics that network traffic cannot answer.
 */
final class Vocabulary {
    private Vocabulary() {}

    static final Map<String, Integer> NUMBERS =
            Map.ofEntries(
                    Map.entry("one", 1),
                    Map.entry("two", 2),
                    Map.entry("three", 3),
                    Map.entry("four", 4),
                    Map.entry("five", 5),
                    Map.entry("six", 6),
                    Map.entry("seven", 7),
                    Map.entry("eight", 8),
                    Map.entry("nine", 9),
                    Map.entry("ten", 10),
                    Map.entry("eleven", 11),
                    Map.entry("twelve", 12),
                    Map.entry("fifteen", 15),
                    Map.entry("twenty", 20),
                    Map.entry("fifty", 50),
                    Map.entry("hundred", 100),
                    Map.entry("a dozen", 12),
                    Map.entry("dozen", 12));

    /** Spellings of protocols, to the item's protocol name. */
    static final Map<String, String> PROTOCOLS =
            Map.ofEntries(
                    Map.entry("dns", "dns"),
                    Map.entry("http", "http"),
                    Map.entry("https", "http"),
                    Map.entry("http2", "http"),
                    Map.entry("grpc", "grpc"),
                    Map.entry("redis", "redis"),
                    Map.entry("kafka", "kafka"),
                    Map.entry("postgres", "postgres"),
                    Map.entry("postgresql", "postgres"),
                    Map.entry("mysql", "mysql"),
                    Map.entry("mongodb", "mongodb"),
                    Map.entry("mongo", "mongodb"),
                    Map.entry("amqp", "amqp"),
                    Map.entry("rabbitmq", "amqp"),
                    Map.entry("ldap", "ldap"),
                    Map.entry("websocket", "ws"),
                    Map.entry("websockets", "ws"),
                    Map.entry("icmp", "icmp"));

    /** Nouns naming what a ranking is per, to the top-n template's groupBy values. */
    static final Map<String, String> GROUP_BY = groupBy();

    private static Map<String, String> groupBy() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w :
                List.of(
                        "consumers",
                        "consumer",
                        "clients",
                        "client",
                        "callers",
                        "caller",
                        "talkers",
                        "talker",
                        "senders",
                        "sender",
                        "sources",
                        "source",
                        "requesters",
                        "pods",
                        "pod",
                        "workloads",
                        "users of")) {
            m.put(w, "client");
        }
        for (String w :
                List.of(
                        "servers",
                        "server",
                        "destinations",
                        "destination",
                        "targets",
                        "receivers",
                        "peers")) {
            m.put(w, "server");
        }
        for (String w :
                List.of("services", "service", "backends", "backend", "apis", "microservices")) {
            m.put(w, "service");
        }
        m.put("namespaces", "namespace");
        for (String w :
                List.of("endpoints", "endpoint", "routes", "route", "api calls", "operations")) {
            m.put(w, "endpoint");
        }
        for (String w : List.of("paths", "path", "urls", "url", "uris")) {
            m.put(w, "path");
        }
        for (String w :
                List.of(
                        "domains",
                        "domain",
                        "hostnames",
                        "host names",
                        "dns names",
                        "fqdns",
                        "queried names",
                        "names looked up")) {
            m.put(w, "domain");
        }
        for (String w :
                List.of(
                        "status codes",
                        "status code",
                        "response codes",
                        "statuses",
                        "http codes")) {
            m.put(w, "status");
        }
        for (String w : List.of("methods", "verbs")) {
            m.put(w, "method");
        }
        for (String w : List.of("nodes", "node")) {
            m.put(w, "node");
        }
        for (String w : List.of("processes", "process", "programs", "binaries")) {
            m.put(w, "process");
        }
        for (String w : List.of("commands", "command", "redis commands")) {
            m.put(w, "command");
        }
        return m;
    }

    /** Words that say what is ranked, to the top-n template's metric values. */
    static final Map<String, String> METRICS =
            Map.ofEntries(
                    Map.entry("bytes", "bytes"), Map.entry("bandwidth", "bytes"),
                    Map.entry("traffic volume", "bytes"), Map.entry("volume", "bytes"),
                    Map.entry("data sent", "bytes"), Map.entry("throughput", "bytes"),
                    Map.entry("megabytes", "bytes"), Map.entry("latency", "latency"),
                    Map.entry("latencies", "latency"), Map.entry("response time", "latency"),
                    Map.entry("slowest", "latency"), Map.entry("average time", "latency"));

    /** Topics traffic cannot answer: a question about them gets "I can't answer that yet". */
    static final Set<String> UNSUPPORTED =
            Set.of(
                    "cpu",
                    "memory",
                    "ram",
                    "disk",
                    "disks",
                    "gpu",
                    "filesystem",
                    "logs",
                    "log lines",
                    "restart",
                    "restarts",
                    "restarted",
                    "crash",
                    "crashes",
                    "crashloop",
                    "oom",
                    "cost",
                    "costs",
                    "billing",
                    "invoice",
                    "weather",
                    "temperature",
                    "delete",
                    "kill",
                    "reboot",
                    "upgrade",
                    "install",
                    "uninstall",
                    "scale up",
                    "scale down",
                    "autoscale",
                    "password reset",
                    "stock price",
                    "replicas",
                    "helm",
                    "kubectl apply");
}

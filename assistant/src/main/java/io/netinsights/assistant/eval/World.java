package io.netinsights.assistant.eval;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fixed cluster of the traffic generator: nodes, pods (with labels, IPs, processes and start
 * times), services, external hosts and the network policies the evaluation tests. Everything the
 * generator emits refers to these, so expected answers can be stated about them.
 */
public final class World {
    /** Start of the generated capture. */
    public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** Length of the generated capture. */
    public static final long DURATION_MS = 600_000;

    private World() {}

    /** A pod: where it runs, its labels and the process that opens its connections. */
    public record Pod(
            String namespace,
            String name,
            String app,
            String node,
            String ip,
            long startOffsetMs,
            String process,
            String phase) {
        public String key() {
            return namespace + "/" + name;
        }

        public Map<String, String> labels() {
            return app.equals("kube-dns")
                    ? Map.of("k8s-app", "kube-dns")
                    : Map.of("app", app, "team", namespace);
        }
    }

    /** A service in front of one pod. */
    public record Service(String namespace, String name, Pod pod, int port) {}

    /** A host outside the cluster. */
    public record External(String name, String ip, int port) {}

    private static final long DAY = 86_400_000L;

    public static final Pod FRONTEND =
            pod(
                    "shop",
                    "frontend-6f9d7c-k2x4p",
                    "frontend",
                    "node-a",
                    "10.16.1.11",
                    -3 * DAY,
                    "node");
    public static final Pod CART =
            pod(
                    "shop",
                    "cart-7b8c9d-m3n5q",
                    "cart",
                    "node-a",
                    "10.16.1.12",
                    -3 * DAY,
                    "cart-server");
    public static final Pod REDIS =
            pod("shop", "redis-0", "redis", "node-a", "10.16.1.13", -9 * DAY, "redis-server");
    public static final Pod CATALOG =
            pod(
                    "shop",
                    "catalog-5d6e7f-p8r2s",
                    "catalog",
                    "node-b",
                    "10.16.2.21",
                    -2 * DAY,
                    "catalog");
    public static final Pod CHECKOUT =
            pod(
                    "shop",
                    "checkout-8c9d0e-t4v6w",
                    "checkout",
                    "node-b",
                    "10.16.2.22",
                    -2 * DAY,
                    "checkout");
    public static final Pod BATCH =
            pod(
                    "shop",
                    "batch-importer-3c4d5e-q1w2e",
                    "batch-importer",
                    "node-b",
                    "10.16.2.23",
                    -DAY,
                    "python3");
    public static final Pod LEGACY =
            pod(
                    "shop",
                    "legacy-reports-4a5b6c-z9y8x",
                    "legacy-reports",
                    "node-a",
                    "10.16.1.14",
                    -30 * DAY,
                    "java");
    public static final Pod PAYMENTS =
            pod(
                    "payments",
                    "payments-api-9e8d7c-h5j7k",
                    "payments-api",
                    "node-c",
                    "10.16.3.31",
                    -DAY,
                    "java");
    public static final Pod LEDGER =
            pod(
                    "payments",
                    "ledger-2b3c4d-f6g8h",
                    "ledger",
                    "node-c",
                    "10.16.3.32",
                    -DAY,
                    "ledger");
    public static final Pod FRAUD =
            pod(
                    "payments",
                    "fraud-check-1a2b3c-d4e5f",
                    "fraud-check",
                    "node-c",
                    "10.16.3.33",
                    -DAY,
                    "python3");
    public static final Pod OLD_LEDGER =
            pod(
                    "payments",
                    "old-ledger-0z9y8x-v7u6t",
                    "old-ledger",
                    "node-c",
                    "10.16.3.34",
                    -10 * DAY,
                    "ledger");
    public static final Pod COREDNS =
            pod(
                    "kube-system",
                    "coredns-5d78c9869d-abcde",
                    "kube-dns",
                    "node-a",
                    "10.16.1.2",
                    -60 * DAY,
                    "coredns");
    public static final Pod PROMETHEUS =
            pod(
                    "monitoring",
                    "prometheus-0",
                    "prometheus",
                    "node-b",
                    "10.16.2.41",
                    -7 * DAY,
                    "prometheus");
    public static final Pod GRAFANA =
            pod(
                    "monitoring",
                    "grafana-7f8e9d-r5t6y",
                    "grafana",
                    "node-b",
                    "10.16.2.42",
                    -7 * DAY,
                    "grafana");

    /** Started inside the capture and idle: too young to call idle. */
    public static final Pod DEBUG =
            pod(
                    "default",
                    "debug-shell-5c6d7e-n1m2b",
                    "debug-shell",
                    "node-b",
                    "10.16.2.43",
                    420_000,
                    "sh");

    /** A finished job: not running, so never idle. */
    public static final Pod MIGRATE =
            new Pod(
                    "default",
                    "db-migrate-x7k2p",
                    "db-migrate",
                    "node-c",
                    "10.16.3.35",
                    -DAY,
                    "migrate",
                    "Succeeded");

    public static final List<Pod> PODS =
            List.of(
                    FRONTEND,
                    CART,
                    REDIS,
                    CATALOG,
                    CHECKOUT,
                    BATCH,
                    LEGACY,
                    PAYMENTS,
                    LEDGER,
                    FRAUD,
                    OLD_LEDGER,
                    COREDNS,
                    PROMETHEUS,
                    GRAFANA,
                    DEBUG,
                    MIGRATE);

    public static final Service SVC_CATALOG = new Service("shop", "catalog", CATALOG, 8080);
    public static final Service SVC_CART = new Service("shop", "cart", CART, 8080);
    public static final Service SVC_CHECKOUT = new Service("shop", "checkout", CHECKOUT, 8080);
    public static final Service SVC_REDIS = new Service("shop", "redis", REDIS, 6379);
    public static final Service SVC_PAYMENTS =
            new Service("payments", "payments-api", PAYMENTS, 8443);
    public static final Service SVC_LEDGER = new Service("payments", "ledger", LEDGER, 8080);
    public static final Service SVC_FRAUD = new Service("payments", "fraud-check", FRAUD, 8080);
    public static final Service SVC_DNS = new Service("kube-system", "kube-dns", COREDNS, 53);

    public static final External STRIPE = new External("api.stripe.com", "54.187.174.169", 443);
    public static final External GITHUB = new External("github.com", "140.82.112.3", 443);
    public static final External CDN = new External("cdn.jsdelivr.net", "151.101.1.229", 443);

    /** A client that is not a pod: the kubelet on node-a (host network). */
    public static final String HOST_CLIENT_IP = "10.0.1.10";

    /** Secret markers the generator puts in credentials; no redacted export may contain them. */
    public static final String SECRET_MARK = "SECRET";

    /** A card number the generator puts in checkout bodies. */
    public static final String CARD_NUMBER = "4111111111111111";

    /** Network policies the policy-impact questions are evaluated against (env POLICIES). */
    public static final String POLICIES_JSON =
            """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"kind": "NetworkPolicy", "metadata": {"name": "default-deny-ingress", "namespace": "payments"},
               "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}},
              {"kind": "NetworkPolicy", "metadata": {"name": "allow-checkout-to-api", "namespace": "payments"},
               "spec": {"podSelector": {"matchLabels": {"app": "payments-api"}}, "policyTypes": ["Ingress"],
                        "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "shop"}},
                                               "podSelector": {"matchLabels": {"app": "checkout"}}}],
                                     "ports": [{"port": 8443, "protocol": "TCP"}]}]}},
              {"kind": "NetworkPolicy", "metadata": {"name": "allow-api-to-ledger", "namespace": "payments"},
               "spec": {"podSelector": {"matchLabels": {"app": "ledger"}},
                        "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "payments-api"}}}],
                                     "ports": [{"port": 8080}]}]}},
              {"kind": "NetworkPolicy", "metadata": {"name": "batch-importer-egress", "namespace": "shop"},
               "spec": {"podSelector": {"matchLabels": {"app": "batch-importer"}}, "policyTypes": ["Egress"],
                        "egress": [{"to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                                            "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
                                    "ports": [{"port": 53, "protocol": "UDP"}]},
                                   {"to": [{"podSelector": {"matchLabels": {"app": "catalog"}}}],
                                    "ports": [{"port": 8080, "protocol": "TCP"}]}]}}
            ]}
            """;

    private static Pod pod(
            String ns,
            String name,
            String app,
            String node,
            String ip,
            long start,
            String process) {
        return new Pod(ns, name, app, node, ip, start, process, "Running");
    }
}

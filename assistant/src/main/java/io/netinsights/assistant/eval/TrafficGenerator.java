package io.netinsights.assistant.eval;

import io.netinsights.assistant.eval.World.External;
import io.netinsights.assistant.eval.World.Pod;
import io.netinsights.assistant.eval.World.Service;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.json.ItemJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import static io.netinsights.assistant.eval.ItemFactory.client;
import static io.netinsights.assistant.eval.ItemFactory.httpRequest;
import static io.netinsights.assistant.eval.ItemFactory.httpResponse;
import static io.netinsights.assistant.eval.ItemFactory.podSide;
import static io.netinsights.assistant.eval.World.*;

/**
 * A deterministic traffic generator of our own: ten minutes of HTTP, DNS and Redis traffic in the
 * {@link World} cluster, with known rates per client (so DNS rankings are fixed), latencies with
 * bounded jitter, injected latency spikes on two endpoints, 5xx errors on chosen endpoints,
 * external connections, idle and too-young pods, and credentials marked {@link World#SECRET_MARK}.
 * The same seed always gives the same items.
 */
public final class TrafficGenerator {
    private static final long MIN = 60_000;

    private final long seed;
    private final long t0 = T0.toEpochMilli();
    private final ItemFactory f = new ItemFactory();
    private final List<ApiItem> items = new ArrayList<>();
    private int flow;

    public TrafficGenerator(long seed) {
        this.seed = seed;
    }

    /** The standard traffic of the evaluation (seed 42). */
    public static GeneratedTraffic standard() {
        return new TrafficGenerator(42).generate();
    }

    public GeneratedTraffic generate() {
        dns();
        http();
        external();
        redis();
        anomalies();
        items.sort(Comparator.comparingLong(ApiItem::getTimestamp).thenComparing(ApiItem::getId));
        List<String> pods = new ArrayList<>();
        for (Pod p : PODS) {
            pods.add(podJson(p));
        }
        return new GeneratedTraffic(
                items,
                pods,
                Map.of("POLICIES", POLICIES_JSON.strip()),
                Set.of("catalog GET /api/products/{id}", "ledger POST /v1/entries"));
    }

    private void dns() {
        dnsClient(
                FRONTEND,
                36,
                0,
                DURATION_MS,
                "catalog.shop.svc.cluster.local",
                "cart.shop.svc.cluster.local",
                "checkout.shop.svc.cluster.local",
                "cdn.jsdelivr.net");
        dnsClient(CART, 24, 0, DURATION_MS, "redis.shop.svc.cluster.local");
        dnsClient(CATALOG, 18, 0, DURATION_MS, "catalog-db.shop.svc.cluster.local");
        dnsClient(
                CHECKOUT,
                12,
                0,
                DURATION_MS,
                "payments-api.payments.svc.cluster.local",
                "cart.shop.svc.cluster.local");
        dnsClient(
                PAYMENTS,
                9,
                0,
                DURATION_MS,
                "api.stripe.com",
                "ledger.payments.svc.cluster.local",
                "fraud-check.payments.svc.cluster.local");
        dnsClient(LEDGER, 6, 0, DURATION_MS, "ledger-db.payments.svc.cluster.local");
        dnsClient(FRAUD, 4, 0, DURATION_MS, "fraud-model.payments.svc.cluster.local");
        dnsClient(BATCH, 15, 0, 3 * MIN, "github.com", "catalog.shop.svc.cluster.local");
        dnsClient(PROMETHEUS, 3, 0, DURATION_MS, "alertmanager.monitoring.svc.cluster.local");
        Random r = rnd();
        Endpoint dst = podSide(COREDNS, SVC_DNS, 53);
        every(
                5,
                0,
                DURATION_MS,
                r,
                ts ->
                        items.add(
                                f.dns(
                                        ts,
                                        "node-a",
                                        ItemFactory.host(
                                                HOST_CLIENT_IP, 40000 + (int) (ts % 20000)),
                                        dst,
                                        "registry.k8s.io",
                                        "34.96.108.209",
                                        2 + r.nextInt(4))));
    }

    private void dnsClient(Pod pod, int perMinute, long from, long to, String... names) {
        Random r = rnd();
        Endpoint dst = podSide(COREDNS, SVC_DNS, 53);
        int[] k = {0};
        every(
                perMinute,
                from,
                to,
                r,
                ts -> {
                    String name = names[k[0]++ % names.length];
                    items.add(
                            f.dns(
                                    ts,
                                    pod.node(),
                                    client(pod, 30000 + r.nextInt(30000)),
                                    dst,
                                    name,
                                    answer(name),
                                    1 + r.nextInt(5)));
                });
    }

    private static String answer(String name) {
        if (name.equals(STRIPE.name())) {
            return STRIPE.ip();
        }
        if (name.equals(GITHUB.name())) {
            return GITHUB.ip();
        }
        return name.equals(CDN.name())
                ? CDN.ip()
                : "10.96.0." + (10 + Math.abs(name.hashCode() % 200));
    }

    private void http() {
        httpFlow(
                FRONTEND,
                SVC_CATALOG,
                "GET",
                k -> "/api/products",
                k -> k % 5 == 0 ? "page=" + (k % 7) + "&token=SECRET-q" + k : "page=" + (k % 7),
                40,
                30,
                0,
                k -> headers("frontend"),
                k -> null,
                0,
                DURATION_MS);
        httpFlow(
                FRONTEND,
                SVC_CATALOG,
                "GET",
                k -> "/api/products/" + (1000 + k * 37 % 500),
                k -> "",
                60,
                40,
                0.005,
                k -> headers("frontend"),
                k -> null,
                0,
                DURATION_MS);
        httpFlow(
                FRONTEND,
                SVC_CART,
                "GET",
                k -> "/api/cart",
                k -> "",
                30,
                25,
                0,
                this::userHeaders,
                k -> null,
                0,
                DURATION_MS);
        httpFlow(
                FRONTEND,
                SVC_CART,
                "POST",
                k -> "/api/cart/items",
                k -> "",
                12,
                45,
                0,
                this::userHeaders,
                k -> "{\"sku\":\"" + (k % 40) + "\",\"qty\":1}",
                0,
                DURATION_MS);
        httpFlow(
                FRONTEND,
                SVC_CHECKOUT,
                "POST",
                k -> "/api/checkout",
                k -> "",
                6,
                350,
                0.05,
                this::userHeaders,
                k -> "{\"card\":\"" + CARD_NUMBER + "\",\"amount\":" + (10 + k) + "}",
                0,
                DURATION_MS);
        httpFlow(
                CHECKOUT,
                SVC_PAYMENTS,
                "POST",
                k -> "/v1/charges",
                k -> "",
                6,
                250,
                0.1,
                k -> apiKeyHeaders(),
                k -> "{\"card\":\"" + CARD_NUMBER + "\",\"amount\":" + (10 + k) + "}",
                0,
                DURATION_MS);
        httpFlow(
                PAYMENTS,
                SVC_LEDGER,
                "POST",
                k -> "/v1/entries",
                k -> "",
                6,
                60,
                0,
                k -> headers("payments"),
                k -> "{\"entry\":" + k + "}",
                0,
                DURATION_MS);
        httpFlow(
                PAYMENTS,
                SVC_FRAUD,
                "POST",
                k -> "/v1/score",
                k -> "",
                6,
                80,
                0,
                k -> headers("payments"),
                k -> "{\"amount\":" + k + "}",
                0,
                DURATION_MS);
        httpFlow(
                BATCH,
                SVC_CATALOG,
                "PUT",
                k -> "/api/products/" + (2000 + k),
                k -> "",
                20,
                50,
                0,
                k -> headers("importer"),
                k -> "{\"price\":" + k + "}",
                0,
                3 * MIN);
        for (Pod target : List.of(FRONTEND, CART, CATALOG, PAYMENTS, LEDGER, FRAUD)) {
            httpFlow(
                    PROMETHEUS,
                    new Service(target.namespace(), null, target, 9090),
                    "GET",
                    k -> "/metrics",
                    k -> "",
                    2,
                    15,
                    0,
                    k -> headers("prometheus"),
                    k -> null,
                    0,
                    DURATION_MS);
        }
    }

    private void external() {
        externalFlow(
                PAYMENTS,
                STRIPE,
                "POST",
                "/v1/charges",
                6,
                180,
                k -> stripeHeaders(),
                0,
                DURATION_MS);
        externalFlow(
                BATCH,
                GITHUB,
                "GET",
                "/repos/acme/catalog/contents",
                10,
                120,
                k -> headers("importer"),
                0,
                3 * MIN);
        externalFlow(
                FRONTEND,
                CDN,
                "GET",
                "/npm/app.js",
                4,
                20,
                k -> headers("frontend"),
                0,
                DURATION_MS);
    }

    private void redis() {
        Random r = rnd();
        Endpoint dst = podSide(REDIS, SVC_REDIS, 6379);
        int[] k = {0};
        every(
                30,
                0,
                DURATION_MS,
                r,
                ts -> {
                    String cmd = k[0]++ % 3 == 2 ? "SET" : "GET";
                    items.add(
                            f.redis(
                                    ts,
                                    CART.node(),
                                    client(CART, 40000 + r.nextInt(20000)),
                                    dst,
                                    cmd,
                                    "cart:" + (k[0] % 50),
                                    1));
                });
    }

    /** Latency spikes on two endpoints and a few slow DNS lookups. */
    private void anomalies() {
        Random r = rnd();
        for (int i = 0; i < 15; i++) {
            long ts = t0 + 240_000 + i * 2_000L + r.nextInt(1000);
            items.add(
                    f.http(
                            ts,
                            FRONTEND.node(),
                            client(FRONTEND, 50000 + i),
                            podSide(CATALOG, SVC_CATALOG, 8080),
                            false,
                            httpRequest(
                                    "GET",
                                    "/api/products/" + (1100 + i),
                                    "",
                                    headers("frontend"),
                                    new LinkedHashMap<>(),
                                    null),
                            httpResponse(200, new LinkedHashMap<>(), "{\"id\":" + i + "}"),
                            650 + r.nextInt(300)));
        }
        for (int i = 0; i < 10; i++) {
            long ts = t0 + 420_000 + i * 3_000L + r.nextInt(1000);
            items.add(
                    f.http(
                            ts,
                            PAYMENTS.node(),
                            client(PAYMENTS, 51000 + i),
                            podSide(LEDGER, SVC_LEDGER, 8080),
                            false,
                            httpRequest(
                                    "POST",
                                    "/v1/entries",
                                    "",
                                    headers("payments"),
                                    new LinkedHashMap<>(),
                                    "{\"entry\":" + i + "}"),
                            httpResponse(201, new LinkedHashMap<>(), "{}"),
                            800 + r.nextInt(200)));
        }
        for (int i = 0; i < 3; i++) {
            long ts = t0 + 500_000 + i * 10_000L;
            items.add(
                    f.dns(
                            ts,
                            PAYMENTS.node(),
                            client(PAYMENTS, 52000 + i),
                            podSide(COREDNS, SVC_DNS, 53),
                            STRIPE.name(),
                            STRIPE.ip(),
                            700 + i * 10));
        }
    }

    private void httpFlow(
            Pod from,
            Service svc,
            String method,
            IntFunction<String> path,
            IntFunction<String> query,
            int perMinute,
            int baseLatency,
            double errorRate,
            IntFunction<Map<String, Object>> headers,
            IntFunction<String> body,
            long start,
            long end) {
        Random r = rnd();
        int[] k = {0};
        every(
                perMinute,
                start,
                end,
                r,
                ts -> {
                    int n = k[0]++;
                    boolean error = r.nextDouble() < errorRate;
                    Map<String, Object> resHeaders = new LinkedHashMap<>();
                    resHeaders.put("Content-Type", "application/json");
                    if (svc.name() != null && svc.name().equals("cart") && n % 10 == 0) {
                        resHeaders.put("Set-Cookie", "session=SECRET-renew-" + n + "; HttpOnly");
                    }
                    Map<String, Object> h = headers.apply(n);
                    items.add(
                            f.http(
                                    ts,
                                    from.node(),
                                    client(from, 30000 + r.nextInt(30000)),
                                    podSide(svc.pod(), svc.name() == null ? null : svc, svc.port()),
                                    false,
                                    httpRequest(
                                            method,
                                            path.apply(n),
                                            query.apply(n),
                                            h,
                                            cookiesOf(h),
                                            body.apply(n)),
                                    httpResponse(
                                            error ? 503 : method.equals("POST") ? 201 : 200,
                                            resHeaders,
                                            error
                                                    ? "{\"error\":\"unavailable\"}"
                                                    : "{\"ok\":true}"),
                                    Math.round(baseLatency * (0.8 + 0.4 * r.nextDouble()))));
                });
    }

    private void externalFlow(
            Pod from,
            External host,
            String method,
            String path,
            int perMinute,
            int baseLatency,
            IntFunction<Map<String, Object>> headers,
            long start,
            long end) {
        Random r = rnd();
        int[] k = {0};
        every(
                perMinute,
                start,
                end,
                r,
                ts -> {
                    int n = k[0]++;
                    items.add(
                            f.http(
                                    ts,
                                    from.node(),
                                    client(from, 30000 + r.nextInt(30000)),
                                    ItemFactory.external(host),
                                    true,
                                    httpRequest(
                                            method,
                                            path,
                                            "",
                                            headers.apply(n),
                                            new LinkedHashMap<>(),
                                            null),
                                    httpResponse(200, new LinkedHashMap<>(), "{}"),
                                    Math.round(baseLatency * (0.8 + 0.4 * r.nextDouble()))));
                });
    }

    /** {@code perMinute} events a minute in [from, to), each at a jittered point of its period. */
    private void every(int perMinute, long from, long to, Random r, LongConsumer emit) {
        long count = perMinute * (to - from) / MIN;
        double period = (double) MIN / perMinute;
        for (long k = 0; k < count; k++) {
            emit.accept(t0 + from + Math.round(k * period + r.nextDouble() * period * 0.5));
        }
    }

    private Random rnd() {
        return new Random(seed * 1_000 + flow++);
    }

    private static Map<String, Object> headers(String agent) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("Host", "svc");
        h.put("User-Agent", agent + "/1.0");
        h.put("Accept", "application/json");
        return h;
    }

    private Map<String, Object> userHeaders(int k) {
        Map<String, Object> h = headers("frontend");
        h.put("Authorization", "Bearer SECRET-jwt-" + k);
        h.put("Cookie", "session=SECRET-sess-" + k + "; theme=dark");
        return h;
    }

    private static Map<String, Object> apiKeyHeaders() {
        Map<String, Object> h = headers("checkout");
        h.put("X-Api-Key", "SECRET-key-7f3a");
        return h;
    }

    private static Map<String, Object> stripeHeaders() {
        Map<String, Object> h = headers("payments");
        h.put("Authorization", "Bearer sk_live_SECRET_51H");
        return h;
    }

    private static Map<String, Object> cookiesOf(Map<String, Object> headers) {
        Map<String, Object> c = new LinkedHashMap<>();
        Object cookie = headers.get("Cookie");
        if (cookie != null) {
            for (String part : cookie.toString().split(";\\s*")) {
                String[] kv = part.split("=", 2);
                c.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return c;
    }

    private String podJson(Pod p) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", p.name());
        meta.put("namespace", p.namespace());
        meta.put("labels", p.labels());
        String started = Instant.ofEpochMilli(t0 + p.startOffsetMs()).toString();
        meta.put("creationTimestamp", started);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", p.phase());
        status.put("podIP", p.ip());
        status.put("startTime", started);
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", meta);
        pod.put("spec", Map.of("nodeName", p.node()));
        pod.put("status", status);
        return ItemJson.write(pod);
    }
}

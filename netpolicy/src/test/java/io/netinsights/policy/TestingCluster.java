package io.netinsights.policy;

import java.util.Map;

/** A small fixed cluster for policy tests: three namespaces, a few pods, external addresses. */
final class TestingCluster {
    static final Map<String, String> PROD_NS =
            Map.of(PodInventory.NAMESPACE_NAME_LABEL, "prod", "env", "prod", "team", "a");
    static final Map<String, String> DEV_NS =
            Map.of(PodInventory.NAMESPACE_NAME_LABEL, "dev", "env", "dev");
    static final Map<String, String> OTHER_NS = Map.of(PodInventory.NAMESPACE_NAME_LABEL, "other");

    static final String NODE_IP = "192.168.0.10";

    static final FlowEndpoint WEB =
            FlowEndpoint.pod(
                    PodInfo.builder("prod", "web-1")
                            .ip("10.0.1.1")
                            .hostIp(NODE_IP)
                            .label("app", "web")
                            .label("role", "frontend")
                            .port("http", 8080, "TCP")
                            .port("metrics", 9090, "TCP")
                            .build(),
                    PROD_NS);
    static final FlowEndpoint DB =
            FlowEndpoint.pod(
                    PodInfo.builder("prod", "db-0")
                            .ip("10.0.1.2")
                            .hostIp("192.168.0.11")
                            .label("app", "db")
                            .label("tier", "data")
                            .port("postgres", 5432, "TCP")
                            .port("dns", 53, "UDP")
                            .build(),
                    PROD_NS);
    static final FlowEndpoint CACHE =
            FlowEndpoint.pod(
                    PodInfo.builder("prod", "cache-0").ip("10.0.1.3").label("app", "cache").build(),
                    PROD_NS);
    static final FlowEndpoint API =
            FlowEndpoint.pod(
                    PodInfo.builder("dev", "api-1").ip("10.0.2.1").label("app", "api").build(),
                    DEV_NS);
    static final FlowEndpoint DEV_WEB =
            FlowEndpoint.pod(
                    PodInfo.builder("dev", "web-9")
                            .ip("10.0.2.9")
                            .label("app", "web")
                            .label("role", "frontend")
                            .build(),
                    DEV_NS);
    static final FlowEndpoint TOOL =
            FlowEndpoint.pod(
                    PodInfo.builder("other", "tool").ip("10.0.3.1").label("app", "tool").build(),
                    OTHER_NS);
    static final FlowEndpoint V6 =
            FlowEndpoint.pod(
                    PodInfo.builder("prod", "v6").ip("fd00::5").label("app", "v6").build(),
                    PROD_NS);
    static final FlowEndpoint HOSTNET =
            FlowEndpoint.pod(
                    PodInfo.builder("prod", "agent")
                            .ip(NODE_IP)
                            .hostNetwork(true)
                            .label("app", "agent")
                            .build(),
                    PROD_NS);
    static final FlowEndpoint NODE = FlowEndpoint.external(NODE_IP);
    static final FlowEndpoint GOOGLE = FlowEndpoint.external("8.8.8.8");
    static final FlowEndpoint PARTNER = FlowEndpoint.external("203.0.113.7");
    static final FlowEndpoint PARTNER_V6 = FlowEndpoint.external("2001:db8::1");
    static final FlowEndpoint MAPPED = FlowEndpoint.external("::ffff:203.0.113.7");

    private TestingCluster() {}

    static Flow tcp(FlowEndpoint src, FlowEndpoint dst, int port) {
        return Flow.tcp(src, dst, port);
    }

    static Flow udp(FlowEndpoint src, FlowEndpoint dst, int port) {
        return new Flow(src, dst, port, "UDP");
    }

    /** A NetworkPolicy document with the spec written as one line of flow-style YAML. */
    static String np(String ns, String name, String spec) {
        return "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                + "metadata: {name: "
                + name
                + ", namespace: "
                + ns
                + "}\nspec: "
                + spec
                + "\n";
    }
}

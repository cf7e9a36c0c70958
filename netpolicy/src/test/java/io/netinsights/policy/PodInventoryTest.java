package io.netinsights.policy;

import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pod inventory from a kubectl List, from single objects and from watch events. */
class PodInventoryTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final PodInventory INV =
            PodInventory.fromFile(Path.of("src/test/resources/pods.yaml"));

    @Test
    void readsPodsOfAKubectlListWithTheirFacts() {
        assertThat(INV.size()).isEqualTo(4);
        PodInfo web = INV.byName("shop", "web-5d8f7c9b6-x2k4p").orElseThrow();
        assertThat(web.ips()).containsExactly("10.244.1.5", "fd00:10:244:1::5");
        assertThat(web.hostIp()).isEqualTo("192.168.0.10");
        assertThat(web.node()).isEqualTo("node-1");
        assertThat(web.labels()).containsEntry("app", "web");
        assertThat(web.startMillis()).isEqualTo(T0 + 5_000);
        assertThat(web.endMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(web.namedPorts()).containsExactly(NamedPort.tcp("http", 8080));
        assertThat(web.workload()).isEqualTo("shop/Deployment/web");
        assertThat(INV.byName("shop", "db-0").orElseThrow().workload())
                .isEqualTo("shop/StatefulSet/db");
    }

    @Test
    void aCompletedPodEndsWhenItsContainersFinished() {
        PodInfo job = INV.byName("batch", "migrate-abcde").orElseThrow();
        assertThat(job.workload()).isEqualTo("batch/Job/migrate");
        assertThat(job.endMillis()).isEqualTo(T0 + 120_000);
        assertThat(INV.byIp("10.244.1.9", T0 + 60_000)).contains(job);
        assertThat(INV.byIp("10.244.1.9", T0 + 120_000)).isEmpty();
    }

    @Test
    void lookupByIpIsAtAPointInTimeAndSkipsHostNetworkPods() {
        assertThat(INV.byIp("10.244.2.7", T0)).isEmpty(); // db-0 starts at +10 min
        assertThat(INV.byIp("10.244.2.7", T0 + 600_000)).map(PodInfo::name).contains("db-0");
        assertThat(INV.byIp("fd00:10:244:1::5", T0 + 10_000))
                .map(PodInfo::name)
                .contains("web-5d8f7c9b6-x2k4p");
        assertThat(INV.byIp("192.168.0.10", T0 + 10_000)).isEmpty();
        assertThat(INV.aliveThroughout(T0 + 600_000, T0 + 660_000))
                .extracting(PodInfo::name)
                .containsExactlyInAnyOrder("web-5d8f7c9b6-x2k4p", "db-0");
    }

    @Test
    void namespaceLabelsComeFromNamespaceObjectsElseTheNameLabel() {
        assertThat(INV.namespaceLabels("shop"))
                .containsEntry("env", "prod")
                .containsEntry(PodInventory.NAMESPACE_NAME_LABEL, "shop");
        assertThat(INV.namespaceLabels("batch"))
                .isEqualTo(Map.of(PodInventory.NAMESPACE_NAME_LABEL, "batch"));
    }

    @Test
    void aSinglePodDocumentInJsonIsAnInventoryToo() {
        PodInventory one =
                PodInventory.fromYaml(
                        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
                                + "\"status\":{\"podIP\":\"10.0.0.1\"}}");
        assertThat(one.byIp("10.0.0.1", T0)).map(PodInfo::key).contains("default/p");
        assertThat(PodInventory.fromYaml("").size()).isZero();
        assertThatThrownBy(() -> PodInventory.fromYaml("kind: ["))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not Kubernetes YAML");
    }

    @Test
    void watchEventsGiveLifetimesAndIpReuseIsResolvedByTime() {
        List<PodEvent> events =
                List.of(
                        event(
                                PodEventType.ADDED,
                                T0,
                                "a",
                                "uid-a",
                                "10.0.0.7",
                                "2026-01-01T00:00:00Z"),
                        event(
                                PodEventType.DELETED,
                                T0 + 60_000,
                                "a",
                                "uid-a",
                                "10.0.0.7",
                                "2026-01-01T00:00:00Z"),
                        event(
                                PodEventType.ADDED,
                                T0 + 90_000,
                                "b",
                                "uid-b",
                                "10.0.0.7",
                                "2026-01-01T00:01:30Z"),
                        event(
                                PodEventType.MODIFIED,
                                T0 + 95_000,
                                "b",
                                "uid-b",
                                "10.0.0.7",
                                "2026-01-01T00:01:30Z"));
        PodInventory inv = PodInventory.fromEvents(events);
        assertThat(inv.size()).isEqualTo(2);
        assertThat(inv.byName("ns", "a").orElseThrow().endMillis()).isEqualTo(T0 + 60_000);
        assertThat(inv.byIp("10.0.0.7", T0 + 30_000)).map(PodInfo::name).contains("a");
        assertThat(inv.byIp("10.0.0.7", T0 + 70_000)).isEmpty();
        assertThat(inv.byIp("10.0.0.7", T0 + 100_000)).map(PodInfo::name).contains("b");
        assertThat(inv.byName("ns", "b").orElseThrow().labels()).containsEntry("rev", "T0+95000");
    }

    private static PodEvent event(
            PodEventType type, long ts, String name, String uid, String ip, String start) {
        String pod =
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                        + name
                        + "\",\"namespace\":\"ns\",\"uid\":\""
                        + uid
                        + "\",\"labels\":{\"rev\":\"T0+"
                        + (ts - T0)
                        + "\"}},"
                        + "\"status\":{\"phase\":\"Running\",\"podIP\":\""
                        + ip
                        + "\",\"startTime\":\""
                        + start
                        + "\"}}";
        return new PodEvent(type, ts, "node-1", "ns", name, pod);
    }
}

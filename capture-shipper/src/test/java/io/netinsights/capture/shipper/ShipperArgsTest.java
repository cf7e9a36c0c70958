package io.netinsights.capture.shipper;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipper image's command line: the DaemonSet's arguments, defaults, and usage errors. */
class ShipperArgsTest {

    @Test
    void daemonSetArguments() {
        ShipperArgs a =
                ShipperArgs.parse(
                        new String[] {"--iface", "any", "--kafka", "k:9092", "--k8s"},
                        Map.of("NODE_NAME", "worker-3"));
        assertThat(a.iface()).isEqualTo("any");
        assertThat(a.kafka()).isEqualTo("k:9092");
        assertThat(a.k8s()).isTrue();
        assertThat(a.node()).isEqualTo("worker-3");
        assertThat(a.itemsTopic()).isEqualTo("items");
        assertThat(a.podEventsTopic()).isEqualTo("pod-events");
        assertThat(a.progressSeconds()).isEqualTo(5);
        assertThat(a.help()).isFalse();
    }

    @Test
    void explicitOptionsWin() {
        ShipperArgs a =
                ShipperArgs.parse(
                        new String[] {
                            "--iface", "eth0", "--kafka", "k:9092", "--node", "n1",
                            "--kubeconfig", "/k.yaml", "--items-topic", "t", "--progress", "0"
                        },
                        Map.of("NODE_NAME", "ignored"));
        assertThat(a.node()).isEqualTo("n1");
        assertThat(a.k8s()).as("--kubeconfig implies --k8s").isTrue();
        assertThat(a.kubeconfig()).isEqualTo(Path.of("/k.yaml"));
        assertThat(a.itemsTopic()).isEqualTo("t");
        assertThat(a.progressSeconds()).isZero();
    }

    @Test
    void helpAndUsageErrors() {
        assertThat(ShipperArgs.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
        assertThat(
                        ShipperArgs.parse(new String[] {"--iface", "lo", "--kafka", "k"}, Map.of())
                                .node())
                .isEqualTo("node-1");
        assertThatThrownBy(() -> ShipperArgs.parse(new String[] {"--iface", "lo"}, Map.of()))
                .hasMessage("--iface and --kafka are required");
        assertThatThrownBy(() -> ShipperArgs.parse(new String[] {"--iface"}, Map.of()))
                .hasMessage("--iface needs a value");
        assertThatThrownBy(() -> ShipperArgs.parse(new String[] {"--pcap", "x"}, Map.of()))
                .hasMessage("unknown option --pcap");
        assertThatThrownBy(
                        () ->
                                ShipperArgs.parse(
                                        new String[] {
                                            "--iface", "lo", "--kafka", "k", "--progress", "-1"
                                        },
                                        Map.of()))
                .hasMessageContaining("--progress");
    }
}

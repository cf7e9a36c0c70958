package io.netinsights.capture;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults, validation messages and serialisation of {@link CaptureOptions}. */
class CaptureOptionsTest {

    @Test
    void defaults() {
        CaptureOptions o = CaptureOptions.defaults();

        assertThat(o.nodeName()).isEqualTo("node-1");
        assertThat(o.nodeIp()).isEmpty();
        assertThat(o.maxFlows()).isEqualTo(100_000);
        assertThat(o.maxBytesPerFlow()).isEqualTo(1 << 20);
        assertThat(o.maxBodyBytes()).isEqualTo(64 << 10);
        assertThat(o.pairTimeoutMillis()).isEqualTo(30_000);
        assertThat(o.flowIdleTimeoutMillis()).isEqualTo(300_000);
    }

    @Test
    void badValuesSayWhatToFix() {
        assertThatThrownBy(() -> CaptureOptions.builder().maxFlows(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFlows must be > 0, got 0");
        assertThatThrownBy(() -> CaptureOptions.builder().pairTimeoutMillis(-5).build())
                .hasMessage("pairTimeoutMillis must be > 0, got -5");
        assertThatThrownBy(() -> CaptureOptions.builder().nodeName("").build())
                .hasMessage("nodeName must be a non-empty string");
        assertThatThrownBy(() -> CaptureOptions.builder().nodeIp(null).build())
                .hasMessageContaining("nodeIp");
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        CaptureOptions o =
                CaptureOptions.builder()
                        .nodeName("worker-7")
                        .nodeIp("10.0.0.7")
                        .maxBodyBytes(10)
                        .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        Object back;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }

        assertThat(back).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(back.toString()).contains("nodeName=worker-7");
    }

    @Test
    void nodeIdentityReachesItems() {
        CaptureOptions o = CaptureOptions.builder().nodeName("worker-7").nodeIp("10.0.0.7").build();
        java.util.List<io.netinsights.schemas.ApiItem> items = new java.util.ArrayList<>();
        CapturePipeline p = new CapturePipeline(o, new CaptureStats(), items::add);
        byte[] q = io.netinsights.capture.testutils.TestingDns.query(1, "a.example", 1);
        byte[] frame =
                io.netinsights.capture.testutils.TestingFrames.ethernet(
                        io.netinsights.capture.testutils.TestingFrames.udp(
                                "10.0.0.1", 4000, "10.0.0.53", 53, q));
        p.onPacket(1, frame, frame.length, 1_000_000L);
        p.finish();

        assertThat(items)
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.getWorker()).isEqualTo("worker-7");
                            assertThat(i.getNode().getName()).isEqualTo("worker-7");
                            assertThat(i.getNode().getIp()).isEqualTo("10.0.0.7");
                        });
    }
}

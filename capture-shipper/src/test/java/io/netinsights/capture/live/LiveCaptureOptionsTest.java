package io.netinsights.capture.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults and validation messages of {@link LiveCaptureOptions}. */
class LiveCaptureOptionsTest {

    @Test
    void defaultsFollowTheStackNotes() {
        LiveCaptureOptions o = LiveCaptureOptions.builder("lo").filter("  tcp port 80 ").build();
        assertThat(o.snaplen()).isEqualTo(65_536);
        assertThat(o.readTimeoutMillis()).isEqualTo(100);
        assertThat(o.filter()).isEqualTo("tcp port 80");
        assertThat(o.durationMillis()).isZero();
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> LiveCaptureOptions.builder(" ").build())
                .hasMessageContaining("interface name");
        assertThatThrownBy(() -> LiveCaptureOptions.builder("lo").snaplen(10).build())
                .hasMessageContaining("snaplen");
        assertThatThrownBy(() -> LiveCaptureOptions.builder("lo").durationMillis(-1).build())
                .hasMessageContaining("durationMillis");
        assertThatThrownBy(() -> LiveCaptureOptions.builder("lo").tickMillis(0).build())
                .hasMessageContaining("tickMillis");
    }
}

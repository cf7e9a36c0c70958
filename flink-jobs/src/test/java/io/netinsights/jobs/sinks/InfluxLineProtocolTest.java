package io.netinsights.jobs.sinks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Line protocol of vendor.influxdb points: escaping, field types, sorted tags. */
class InfluxLineProtocolTest {

    @Test
    void escapesAndTypes() {
        String line =
                InfluxLineProtocol.line(
                        "http req,v2",
                        "{\"svc\":\"a=b\",\"zone\":\"eu west\",\"empty\":\"\",\"n\":3}",
                        "{\"count\":5,\"ratio\":0.25,\"big\":1e20,\"ok\":false,\"msg\":\"say \\\"hi\\\"\","
                                + "\"obj\":{\"a\":1},\"skip\":null}",
                        1_000L);
        assertThat(line)
                .isEqualTo(
                        "http\\ req\\,v2,n=3,svc=a\\=b,zone=eu\\ west "
                                + "big=100000000000000000000,count=5,msg=\"say \\\"hi\\\"\",obj=\"{\\\"a\\\":1}\","
                                + "ok=false,ratio=0.25 1000");
    }

    @Test
    void aPointNeedsAMeasurementAndAField() {
        assertThatThrownBy(() -> InfluxLineProtocol.line("", "{}", "{\"a\":1}", 0))
                .hasMessage("influxdb: measurement is empty");
        assertThatThrownBy(() -> InfluxLineProtocol.line("m", "{}", "{\"a\":null}", 0))
                .hasMessage("influxdb: a point needs at least one field");
        assertThatThrownBy(() -> InfluxLineProtocol.line("m", "[1]", "{\"a\":1}", 0))
                .hasMessage("influxdb: tags must be an object");
    }
}

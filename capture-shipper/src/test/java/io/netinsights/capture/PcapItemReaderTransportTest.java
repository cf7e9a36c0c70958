package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IP and TCP handling on the shared captures that carry no application protocol we dissect;
 * expectations from {@code tshark -r F} (frame list) and {@code capinfos F}.
 */
class PcapItemReaderTransportTest {

    @Test
    void ipFragmentsAreReassembled() {
        // tshark: 6 UDP datagrams 10.1.6.92:1000 -> 10.1.4.2:2000, Len=3000, each in 3 fragments
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/ip-fragment.pcap"));

        assertThat(c.stats.packets()).isEqualTo(18);
        assertThat(c.stats.get(Counter.IP_FRAGMENTS)).isEqualTo(18);
        assertThat(c.stats.get(Counter.REASSEMBLED_DATAGRAMS)).isEqualTo(6);
        assertThat(c.stats.parseErrors()).isZero();
        assertThat(c.stats.drops()).isZero();
        assertThat(c.items).isEmpty();
    }

    @Test
    void synAckBeforeSynIsOneFlow() {
        // tshark: SYN-ACK (frame 1) before SYN (frame 2), then ACKs and FINs; no payload
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/out-of-order.pcap"));

        assertThat(c.stats.packets()).isEqualTo(7);
        assertThat(c.stats.flows()).isEqualTo(1);
        assertThat(c.stats.parseErrors()).isZero();
        assertThat(c.items).isEmpty();
    }

    @Test
    void midConnectionSegmentsOfAnUnknownProtocolAreIgnored() {
        // tshark: 3 full-size segments 10.1.23.21:45878 -> 10.1.23.22:5201 (iperf3), no SYN
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/tcp-segment.pcap"));

        assertThat(c.stats.packets()).isEqualTo(3);
        assertThat(c.stats.flows()).isEqualTo(1);
        assertThat(c.stats.parseErrors()).isZero();
        assertThat(c.items).isEmpty();
    }

    @Test
    void loopbackCapturesDecode() {
        // capinfos: NULL/Loopback encapsulation; tshark: RESP on port 6379 (no Redis dissector
        // yet), so one flow and no items
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/redis__set.pcap"));

        assertThat(c.stats.packets()).isEqualTo(12);
        assertThat(c.stats.get(Counter.SKIPPED_PACKETS)).isZero();
        assertThat(c.stats.flows()).isEqualTo(1);
    }

    @Test
    void summaryNamesEveryCounter() {
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/http.pcap"));

        assertThat(c.stats.summary())
                .isEqualTo(
                        "packets=13 bytes=6020 skipped=0 truncated=0 ipFragments=0 reassembled=0"
                                + " flows=1 items=1 (http=1) unpaired=0 orphanResponses=0"
                                + " parseErrors=0 drops=0 gaps=0 gapBytes=0 gapItems=0 gapDrops=0"
                                + " readErrors=0 internalErrors=0");
    }
}

package io.netinsights.capture;

import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;
import io.netinsights.capture.testutils.TestingDns;
import io.netinsights.capture.testutils.TestingFrames;
import io.netinsights.capture.testutils.TestingPcapWriter;
import io.netinsights.capture.testutils.TestingTcpSession;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same HTTP exchange written with every supported link layer (the shared captures have only
 * Ethernet, raw IPv4 and BSD loopback), in pcap and pcapng, over IPv4 and IPv6.
 */
class PcapItemReaderLinkTypesTest {

    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir Path tmp;

    static Stream<Arguments> linkTypes() {
        UnaryOperator<byte[]> raw = b -> b;
        return Stream.of(
                Arguments.of("ethernet", 1, (UnaryOperator<byte[]>) TestingFrames::ethernet),
                Arguments.of("802.1Q", 1, vlan(0x8100, 10)),
                Arguments.of("QinQ", 1, vlan(0x88a8, 100, 0x8100, 10)),
                Arguments.of("linux-sll", 113, (UnaryOperator<byte[]>) TestingFrames::sll),
                Arguments.of("linux-sll2", 276, (UnaryOperator<byte[]>) TestingFrames::sll2),
                Arguments.of("null", 0, (UnaryOperator<byte[]>) TestingFrames::nullLoopback),
                Arguments.of("loop", 108, (UnaryOperator<byte[]>) TestingFrames::loop),
                Arguments.of("raw", 101, raw),
                Arguments.of("ipv4", 228, raw));
    }

    private static UnaryOperator<byte[]> vlan(int... tags) {
        return b -> TestingFrames.ethernet(b, tags);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkTypes")
    void httpOverEveryLinkType(String name, int linkType, UnaryOperator<byte[]> link)
            throws IOException {
        Path file =
                TestingPcapWriter.pcap(
                        tmp.resolve(name + ".pcap"),
                        linkType,
                        exchange("10.0.0.1", "10.0.0.2").frames(link));

        Capture c = TestPcaps.read(file);

        assertThat(c.items).hasSize(1);
        assertThat(c.request(0)).containsEntry("path", "/hello");
        assertThat(c.response(0)).containsEntry("status", 200);
        assertThat(c.items.get(0).getSrc().getIp()).isEqualTo("10.0.0.1");
        assertThat(c.items.get(0).getDst().getPort()).isEqualTo("80");
        assertThat(c.items.get(0).getTimestamp()).isEqualTo(T0 / 1000 + 4);
        assertThat(c.stats.parseErrors()).isZero();
        assertThat(c.stats.get(CaptureStats.Counter.SKIPPED_PACKETS)).isZero();
    }

    @Test
    void pcapngWithIpv6() throws IOException {
        Path file =
                TestingPcapWriter.pcapng(
                        tmp.resolve("v6.pcapng"),
                        1,
                        exchange("2001:db8::1", "2001:db8::2").frames(TestingFrames::ethernet));

        Capture c = TestPcaps.read(file);

        assertThat(c.items).hasSize(1);
        assertThat(c.items.get(0).getSrc().getIp()).isEqualTo("2001:db8::1");
        assertThat(c.items.get(0).getDst().getIp()).isEqualTo("2001:db8::2");
        assertThat(c.items.get(0).getElapsedTime()).isEqualTo(1);
    }

    @Test
    void ipv6InLinuxCookedCapture() throws IOException {
        Path file =
                TestingPcapWriter.pcap(
                        tmp.resolve("v6-sll.pcap"),
                        113,
                        exchange("fe80::1", "fe80::2").frames(TestingFrames::sll));

        Capture c = TestPcaps.read(file);

        assertThat(c.items).hasSize(1);
        assertThat(c.items.get(0).getSrc().getIp()).isEqualTo("fe80::1");
    }

    @Test
    void fragmentedDnsOverIpv4IsReassembledAndPaired() throws IOException {
        byte[] query = TestingDns.query(0x4242, "example.com", 1);
        byte[] answer = TestingDns.answerA(0x4242, "example.com", 40, "93.184.216.34");
        List<byte[]> parts =
                TestingFrames.udpFragments("10.0.0.53", 53, "10.0.0.1", 5353, answer, 16, 7);
        List<TestingFrames.Frame> frames = new java.util.ArrayList<>();
        frames.add(frame(T0, TestingFrames.udp("10.0.0.1", 5353, "10.0.0.53", 53, query)));
        for (int i = parts.size() - 1; i >= 0; i--) { // fragments in reverse order
            frames.add(frame(T0 + 1000 + i, parts.get(i)));
        }
        Path file = TestingPcapWriter.pcap(tmp.resolve("frag.pcap"), 1, frames);

        Capture c = TestPcaps.read(file);

        assertThat(c.items).hasSize(1);
        assertThat(c.response(0).get("answers").toString()).contains("93.184.216.34");
        assertThat(c.stats.get(CaptureStats.Counter.REASSEMBLED_DATAGRAMS)).isEqualTo(1);
    }

    private static TestingFrames.Frame frame(long ts, byte[] ip) {
        return new TestingFrames.Frame(ts, TestingFrames.ethernet(ip));
    }

    private static TestingTcpSession exchange(String client, String server) {
        return new TestingTcpSession(client, 40000, server, 80, T0)
                .handshake()
                .clientSends("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                .serverSends("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                .close();
    }
}

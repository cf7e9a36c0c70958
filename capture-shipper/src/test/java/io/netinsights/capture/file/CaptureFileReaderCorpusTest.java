package io.netinsights.capture.file;

import io.netinsights.capture.file.CaptureFileReaderTest.Packet;
import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestingCaptureFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shared capture read by the pure-Java reader and by libpcap (through pcap4j, as the reader
 * of files was before): the same link type, timestamps and bytes for every packet, also after the
 * capture is rewritten as big-endian nanosecond pcap and as big-endian pcapng with nanosecond
 * ticks, and after it is cut at random places.
 */
class CaptureFileReaderCorpusTest {

    @TempDir Path tmp;

    @Test
    void agreesWithLibpcapOnEveryCapture() throws Exception {
        List<Path> files = captures();
        assertThat(files).hasSizeGreaterThan(40);
        long packets = 0;
        for (Path f : files) {
            List<Packet> libpcap = libpcap(f);
            assertThat(CaptureFileReaderTest.readAll(f)).as("%s", f).isEqualTo(libpcap);
            packets += libpcap.size() - 1;
        }
        assertThat(packets).isGreaterThan(500);
    }

    @Test
    void rewrittenInOtherFormatsGivesTheSamePackets() throws Exception {
        for (Path f : captures()) {
            List<Packet> libpcap = libpcap(f);
            int linkType = libpcap.isEmpty() ? 1 : libpcap.get(0).linkType();
            TestingCaptureFiles.Pcap nanos =
                    TestingCaptureFiles.pcap(ByteOrder.BIG_ENDIAN, true, linkType);
            TestingCaptureFiles.Pcapng ng =
                    TestingCaptureFiles.pcapng(ByteOrder.BIG_ENDIAN).iface(linkType, 0, 9, 0);
            for (Packet p : libpcap.subList(0, libpcap.size() - 1)) {
                byte[] b = bytes(p);
                nanos.record(p.micros() / 1_000_000, p.micros() % 1_000_000 * 1000 + 999, b);
                ng.epb(0, p.micros() * 1000 + 999, b);
            }

            Path pcap = Files.write(tmp.resolve("nanos.pcap"), nanos.bytes());
            Path pcapng = Files.write(tmp.resolve("ticks.pcapng"), ng.bytes());

            assertThat(CaptureFileReaderTest.readAll(pcap)).as("%s as pcap", f).isEqualTo(libpcap);
            assertThat(CaptureFileReaderTest.readAll(pcapng))
                    .as("%s as pcapng", f)
                    .isEqualTo(libpcap);
        }
    }

    @Test
    void cutAnywhereStopsWhereLibpcapStops() throws Exception {
        Random random = new Random(11);
        for (Path f : captures()) {
            byte[] whole = Files.readAllBytes(f);
            for (int round = 0; round < 3; round++) {
                Path cut =
                        Files.write(
                                tmp.resolve("cut.pcap"),
                                Arrays.copyOf(whole, 24 + random.nextInt(whole.length - 24)));

                assertThat(CaptureFileReaderTest.readAll(cut))
                        .as("%s cut to %d", f, Files.size(cut))
                        .isEqualTo(libpcap(cut));
            }
        }
    }

    private static List<Path> captures() throws IOException {
        try (Stream<Path> s = Files.walk(TestPcaps.dir())) {
            return s.filter(p -> p.toString().endsWith(".pcap"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** What libpcap reads, in the shape of {@link CaptureFileReaderTest#readAll}. */
    private static List<Packet> libpcap(Path file) throws Exception {
        List<Packet> out = new ArrayList<>();
        PcapHandle h = Pcaps.openOffline(file.toString(), TimestampPrecision.MICRO);
        try {
            int dlt = h.getDlt().value();
            while (true) {
                try {
                    byte[] b = h.getNextRawPacketEx();
                    Timestamp ts = h.getTimestamp();
                    long micros =
                            Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
                    out.add(new Packet(dlt, micros, b));
                } catch (EOFException e) {
                    out.add(Packet.END);
                    return out;
                } catch (PcapNativeException e) {
                    out.add(Packet.DAMAGED);
                    return out;
                }
            }
        } finally {
            h.close();
        }
    }

    private static byte[] bytes(Packet p) {
        byte[] b = new byte[p.bytes().size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = p.bytes().get(i);
        }
        return b;
    }
}

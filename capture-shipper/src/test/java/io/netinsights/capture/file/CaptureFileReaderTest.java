package io.netinsights.capture.file;

import io.netinsights.capture.file.CaptureFileReader.Status;
import io.netinsights.capture.testutils.TestingCaptureFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pure-Java pcap and pcapng reader on files built byte by byte: byte orders, resolutions,
 * several interfaces and link types, and damage. The expected timestamps of the pcapng files were
 * checked with {@code tshark -r F -T fields -e frame.interface_id -e frame.time_epoch -e
 * frame.cap_len} (TShark 4.0.17) on the files these tests write.
 */
class CaptureFileReaderTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} nanos={1}")
    @CsvSource({"LITTLE_ENDIAN,false", "BIG_ENDIAN,false", "LITTLE_ENDIAN,true", "BIG_ENDIAN,true"})
    void classicPcapInEitherByteOrderAndResolution(String order, boolean nanos) throws IOException {
        int scale = nanos ? 1000 : 1;
        byte[] file =
                TestingCaptureFiles.pcap(byteOrder(order), nanos, 1)
                        .record(1_700_000_000L, 123_456L * scale + (nanos ? 789 : 0), data(60, 1))
                        .record(1_700_000_001L, 999_999L * scale, data(1514, 2))
                        .record(4_000_000_000L, 0, data(1, 3)) // after 2038: seconds are unsigned
                        .bytes();

        List<Packet> packets = readAll(write("classic.pcap", file));

        assertThat(packets)
                .containsExactly(
                        new Packet(1, 1_700_000_000_123_456L, data(60, 1)),
                        new Packet(1, 1_700_000_001_999_999L, data(1514, 2)),
                        new Packet(1, 4_000_000_000_000_000L, data(1, 3)),
                        Packet.END);
    }

    @Test
    void pcapngWithSeveralInterfacesLinkTypesAndResolutions() throws IOException {
        byte[] file =
                TestingCaptureFiles.pcapng(LE)
                        .iface(1, 65535, -1, 0) // Ethernet, microseconds by default
                        .iface(101, 0, 9, 0) // LINKTYPE_RAW, nanoseconds
                        .iface(0, 262144, 0x80 | 20, 100) // BSD loopback, 2^-20 s, +100 s
                        .block(0x0bad, new byte[] {1, 2, 3}) // unknown block, skipped
                        .epb(0, 1_700_000_000_123_456L, data(60, 1))
                        .epb(1, 1_700_000_000_123_456_789L, data(40, 2))
                        .block(5, new byte[16]) // interface statistics, skipped
                        .epb(2, (1_700_000_000L << 20) | (1 << 19), data(44, 3))
                        .pb(0, 1_700_000_002_000_001L, data(70, 4))
                        .spb(data(80, 5))
                        .bytes();

        List<Packet> packets = readAll(write("interfaces.pcapng", file));

        assertThat(packets)
                .containsExactly(
                        new Packet(1, 1_700_000_000_123_456L, data(60, 1)),
                        new Packet(12, 1_700_000_000_123_456L, data(40, 2)),
                        new Packet(0, 1_700_000_100_500_000L, data(44, 3)),
                        new Packet(1, 1_700_000_002_000_001L, data(70, 4)),
                        new Packet(1, 0, data(80, 5)), // a simple packet block has no time
                        Packet.END);
    }

    @Test
    void pcapngSectionsEachHaveTheirByteOrderAndInterfaces() throws IOException {
        byte[] file =
                TestingCaptureFiles.pcapng(BE)
                        .iface(1, 0, 6, 0)
                        .epb(0, 1_000_000L, data(60, 1))
                        .section(LE)
                        .iface(113, 0, 3, 0) // Linux SLL, milliseconds
                        .epb(0, 2_500L, data(61, 2))
                        .bytes();

        List<Packet> packets = readAll(write("sections.pcapng", file));

        assertThat(packets)
                .containsExactly(
                        new Packet(1, 1_000_000L, data(60, 1)),
                        new Packet(113, 2_500_000L, data(61, 2)),
                        Packet.END);
    }

    @Test
    void truncatedClassicRecordEndsTheFileWithAProblem() throws IOException {
        byte[] whole =
                TestingCaptureFiles.pcap(LE, false, 1)
                        .record(1, 0, data(100, 1))
                        .record(2, 0, data(100, 2))
                        .bytes();
        Path cut = write("cut.pcap", Arrays.copyOf(whole, whole.length - 10));

        try (CaptureFileReader r = CaptureFileReader.open(cut)) {
            assertThat(r.next()).isEqualTo(Status.PACKET);
            assertThat(r.next()).isEqualTo(Status.DAMAGED);
            assertThat(r.problem()).contains("truncated pcap file").contains("offset 140");
            assertThat(r.next()).isEqualTo(Status.END);
        }
    }

    @Test
    void truncatedRecordHeaderIsDamageButAnEndOnARecordBoundaryIsNot() throws IOException {
        byte[] whole = TestingCaptureFiles.pcap(BE, false, 1).record(1, 0, data(10, 1)).bytes();
        byte[] withHalfHeader = Arrays.copyOf(whole, whole.length + 7);

        assertThat(readAll(write("whole.pcap", whole))).endsWith(Packet.END);
        assertThat(readAll(write("half.pcap", withHalfHeader))).endsWith(Packet.DAMAGED);
    }

    @Test
    void truncatedPcapngBlockEndsTheFileWithAProblem() throws IOException {
        byte[] whole =
                TestingCaptureFiles.pcapng(LE)
                        .iface(1, 0, -1, 0)
                        .epb(0, 1, data(60, 1))
                        .epb(0, 2, data(60, 2))
                        .bytes();

        List<Packet> packets =
                readAll(write("cut.pcapng", Arrays.copyOf(whole, whole.length - 30)));

        assertThat(packets).containsExactly(new Packet(1, 1, data(60, 1)), Packet.DAMAGED);
    }

    @Test
    void badRecordsAreSkippedAndReadingGoesOn() throws IOException {
        byte[] pcap =
                TestingCaptureFiles.pcap(LE, false, 1)
                        .record(1, 1_000_000, data(10, 1)) // fraction out of range
                        .record(2, 5, data(10, 2))
                        .bytes();
        byte[] pcapng =
                TestingCaptureFiles.pcapng(LE)
                        .iface(1, 0, -1, 0)
                        .epb(7, 1, data(10, 1)) // no interface 7
                        .epb(0, 2, data(10, 2))
                        .bytes();

        assertThat(readAll(write("bad.pcap", pcap)))
                .containsExactly(Packet.BAD, new Packet(1, 2_000_005, data(10, 2)), Packet.END);
        assertThat(readAll(write("bad.pcapng", pcapng)))
                .containsExactly(Packet.BAD, new Packet(1, 2, data(10, 2)), Packet.END);
    }

    @Test
    void garbageAfterAValidHeaderIsDamage() throws IOException {
        byte[] header = TestingCaptureFiles.pcap(LE, false, 1).bytes();
        byte[] junk = "this is no packet record at all".getBytes(StandardCharsets.US_ASCII);
        byte[] file = Arrays.copyOf(header, header.length + junk.length);
        System.arraycopy(junk, 0, file, header.length, junk.length);

        try (CaptureFileReader r = CaptureFileReader.open(write("junk.pcap", file))) {
            assertThat(r.next()).isEqualTo(Status.DAMAGED);
            assertThat(r.problem()).contains("invalid packet capture length");
        }
    }

    @Test
    void filesThatAreNoCaptureOrHaveABadHeaderAreRejectedAtOpen() throws IOException {
        Path text = write("notes.txt", "not a capture".getBytes(StandardCharsets.US_ASCII));
        Path shortHeader =
                write(
                        "short.pcap",
                        new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        Path noInterface = write("none.pcapng", TestingCaptureFiles.pcapng(LE).bytes());
        Path packetFirst =
                write(
                        "first.pcapng",
                        TestingCaptureFiles.pcapng(LE).epb(0, 1, data(10, 1)).bytes());

        assertThatThrownBy(() -> CaptureFileReader.open(text))
                .hasMessage("not a pcap or pcapng file: " + text);
        assertThatThrownBy(() -> CaptureFileReader.open(shortHeader))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated pcap file header");
        assertThatThrownBy(() -> CaptureFileReader.open(noInterface))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no interface description block");
        assertThatThrownBy(() -> CaptureFileReader.open(packetFirst))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a packet block before any interface description");
    }

    @Test
    void manyRecordsAndABlockLargerThanTheBufferAreReadWhole() throws IOException {
        TestingCaptureFiles.Pcapng ng = TestingCaptureFiles.pcapng(BE).iface(1, 0, -1, 0);
        List<Packet> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ng.epb(0, i, data(1000 + i % 500, i));
            expected.add(new Packet(1, i, data(1000 + i % 500, i)));
        }
        ng.block(0x0bad, new byte[3 << 20]); // three times the buffer
        ng.epb(0, 9, data(9000, 9));
        expected.add(new Packet(1, 9, data(9000, 9)));
        expected.add(Packet.END);

        assertThat(readAll(write("many.pcapng", ng.bytes()))).isEqualTo(expected);
    }

    /** One result of {@link CaptureFileReader#next()}; statuses other than PACKET are constants. */
    record Packet(int linkType, long micros, List<Byte> bytes) {
        static final Packet END = new Packet(-1, 0, List.of());
        static final Packet DAMAGED = new Packet(-2, 0, List.of());
        static final Packet BAD = new Packet(-3, 0, List.of());

        Packet(int linkType, long micros, byte[] bytes) {
            this(linkType, micros, boxed(bytes, bytes.length));
        }
    }

    static List<Packet> readAll(Path file) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            while (true) {
                switch (r.next()) {
                    case PACKET ->
                            out.add(
                                    new Packet(
                                            r.linkType(),
                                            r.timestampMicros(),
                                            boxed(r.frame(), r.length())));
                    case BAD_RECORD -> out.add(Packet.BAD);
                    case DAMAGED -> {
                        out.add(Packet.DAMAGED);
                        return out;
                    }
                    case END -> {
                        out.add(Packet.END);
                        return out;
                    }
                }
            }
        }
    }

    private static List<Byte> boxed(byte[] b, int n) {
        List<Byte> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(b[i]);
        }
        return l;
    }

    /** {@code n} bytes that differ with {@code seed}. */
    static byte[] data(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static ByteOrder byteOrder(String name) {
        return name.equals("BIG_ENDIAN") ? BE : LE;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }
}

package io.netinsights.capture;

import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Bad input never escapes the reader: it is counted, and a file that is no capture says so. */
class PcapItemReaderRobustnessTest {

    @TempDir Path tmp;

    @Test
    void notACaptureFileIsRejectedClearly() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello, this is not a capture");

        assertThatThrownBy(() -> PcapItemReader.open(text, CaptureOptions.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessage("not a pcap or pcapng file: " + text);
    }

    @Test
    void emptyFileIsRejectedClearly() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.pcap"), new byte[0]);

        assertThatThrownBy(() -> PcapItemReader.open(empty, CaptureOptions.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessage("not a pcap or pcapng file: " + empty);
    }

    @Test
    void missingFileSaysWhich() {
        Path missing = tmp.resolve("missing.pcap");

        assertThatThrownBy(() -> PcapItemReader.open(missing, CaptureOptions.defaults()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.pcap");
    }

    @Test
    void truncatedCaptureYieldsTheItemsBeforeTheCut() throws IOException {
        // tshark: the 5 pipelined exchanges end in frames 5, 12, 15, 18 and 45 of 49; cutting
        // the file inside frame 46 keeps all five and damages the last record.
        Path full = TestPcaps.pcap("zeek/http__pipelined-requests.pcap");
        byte[] bytes = Files.readAllBytes(full);
        Path cut =
                Files.write(
                        tmp.resolve("cut.pcap"),
                        Arrays.copyOf(bytes, offsetOfRecord(bytes, 45) + 30));

        Capture c = TestPcaps.read(cut);

        assertThat(c.items).hasSize(5);
        assertThat(c.stats.readErrors()).isEqualTo(1);
        assertThat(c.stats.packets()).isEqualTo(45);
    }

    @Test
    void truncatedCaptureInTheMiddleOfAResponse() throws IOException {
        // tshark: the response to GET /download/CHANGES.bro-aux.txt ends in frame 9 (4705 body
        // bytes). Cut inside frame 7, the response is emitted with the body that arrived.
        Path full = TestPcaps.pcap("zeek/http__get.pcap");
        byte[] bytes = Files.readAllBytes(full);
        Path cut =
                Files.write(
                        tmp.resolve("cut2.pcap"),
                        Arrays.copyOf(bytes, offsetOfRecord(bytes, 6) + 7));

        Capture c = TestPcaps.read(cut);

        assertThat(c.stats.readErrors()).isEqualTo(1);
        assertThat(c.stats.packets()).isEqualTo(6);
        assertThat(PcapItemReaderHttpTest.summaries(c))
                .containsExactly(tuple("GET", "/download/CHANGES.bro-aux.txt", 200));
        assertThat((Integer) c.response(0).get("bodySize")).isPositive().isLessThan(4705);
    }

    @Test
    void corruptDnsStillPairs() {
        // tshark: 0xb823 zeek.org A -> 192.0.78.212, 192.0.78.150 (+ OPT)
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/dns__dns-corrupt.pcap"));

        assertThat(PcapItemReaderDnsTest.summaries(c))
                .containsExactly(tuple("zeek.org", "A", "NoError", 2));
    }

    @Test
    void deepCompressionChainParsesAndTheLoneResponseIsCounted() {
        // tshark: one response (0x1234, 7 answers chained by compression pointers), no query
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/dns__max-compression-depth.pcap"));

        assertThat(c.items).isEmpty();
        assertThat(c.stats.get(CaptureStats.Counter.ORPHAN_RESPONSES)).isEqualTo(1);
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void requestSmugglingVariants() {
        // tshark: chunk-size 2^64 overflow shows POST / only; TE+CL desync shows POST / and
        // GET /smuggled-te-cl in one frame. Neither has a response.
        Capture overflow =
                TestPcaps.read(
                        TestPcaps.pcap("zeek/http__261__variant-01-chunk_2pow64_overflow.pcap"));
        Capture desync =
                TestPcaps.read(TestPcaps.pcap("zeek/http__261__variant-04-te_cl_desync.pcap"));

        assertThat(PcapItemReaderHttpTest.summaries(overflow))
                .containsExactly(tuple("POST", "/", null));
        assertThat(overflow.stats.parseErrors()).isEqualTo(1);
        assertThat(PcapItemReaderHttpTest.summaries(desync))
                .containsExactly(tuple("POST", "/", null), tuple("GET", "/smuggled-te-cl", null));
    }

    @Test
    void randomlyDamagedCapturesNeverThrow() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(TestPcaps.dir())) {
            all =
                    s.filter(p -> p.toString().endsWith(".pcap"))
                            .sorted()
                            .collect(Collectors.toList());
        }
        Random random = new Random(42);
        int damaged = 0;
        for (Path p : all) {
            byte[] original = Files.readAllBytes(p);
            for (int round = 0; round < 5; round++) {
                byte[] b = original.clone();
                for (int i = 0; i < 1 + b.length / 200; i++) {
                    b[40 + random.nextInt(b.length - 40)] = (byte) random.nextInt(256);
                }
                Path f = Files.write(tmp.resolve("damaged-" + damaged++ + ".pcap"), b);
                Capture c = TestPcaps.read(f);
                assertThat(c.stats.packets()).as("%s round %d", p, round).isPositive();
            }
        }
        assertThat(damaged).isEqualTo(5 * all.size());
    }

    @Test
    void pcapOfTextAfterAValidHeaderIsReadWithoutItems() throws IOException {
        byte[] header =
                Arrays.copyOf(Files.readAllBytes(TestPcaps.pcap("zeek/http__get.pcap")), 24);
        byte[] junk = "this is no packet record at all".getBytes(StandardCharsets.US_ASCII);
        byte[] b = Arrays.copyOf(header, 24 + junk.length);
        System.arraycopy(junk, 0, b, 24, junk.length);

        Capture c = TestPcaps.read(Files.write(tmp.resolve("junk.pcap"), b));

        assertThat(c.items).isEmpty();
        assertThat(c.stats.readErrors()).isEqualTo(1);
    }

    /** Byte offset of record {@code index} (0-based) in a little- or big-endian pcap file. */
    static int offsetOfRecord(byte[] pcap, int index) {
        boolean little = (pcap[0] & 0xff) == 0xd4;
        int off = 24;
        for (int i = 0; i < index; i++) {
            int caplen =
                    little
                            ? (pcap[off + 8] & 0xff)
                                    | (pcap[off + 9] & 0xff) << 8
                                    | (pcap[off + 10] & 0xff) << 16
                                    | (pcap[off + 11] & 0xff) << 24
                            : (pcap[off + 8] & 0xff) << 24
                                    | (pcap[off + 9] & 0xff) << 16
                                    | (pcap[off + 10] & 0xff) << 8
                                    | (pcap[off + 11] & 0xff);
            off += 16 + caplen;
        }
        return off;
    }
}

package io.netinsights.capture.tcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordering, overlap trimming, anchoring and bounds of {@link TcpReassembler}. */
class TcpReassemblerTest {

    private static final int ISN = 1000;
    private static final int ALLOWANCE = 1 << 20;

    private final Recorder out = new Recorder();
    private final TcpReassembler r = new TcpReassembler(1);

    @Test
    void inOrderDataIsDeliveredAsIs() {
        syn(ISN);
        data(ISN + 1, "GET ");
        data(ISN + 5, "/ HTTP/1.1");

        assertThat(out.text()).isEqualTo("GET / HTTP/1.1");
    }

    @Test
    void earlySegmentsWaitForTheGap() {
        syn(ISN);
        data(ISN + 5, "world");
        data(ISN + 10, "!");
        assertThat(out.text()).isEmpty();
        assertThat(r.heldBytes()).isEqualTo(6);

        data(ISN + 1, "hey ");

        assertThat(out.text()).isEqualTo("hey world!");
        assertThat(r.heldBytes()).isZero();
    }

    @Test
    void retransmissionsAndOverlapsAreCut() {
        syn(ISN);
        data(ISN + 1, "abcdef");
        data(ISN + 1, "abcdef"); // full retransmission
        data(ISN + 4, "defghi"); // overlap: only "ghi" is new
        data(ISN + 13, "mn"); // early
        data(ISN + 13, "mn"); // early, retransmitted
        data(ISN + 10, "jklm"); // fills the gap and overlaps the held "m"

        assertThat(out.text()).isEqualTo("abcdefghijklmn");
    }

    @Test
    void midConnectionCaptureAnchorsAtFirstData() {
        ack(77);
        data(5000, "HTTP/1.1 200 OK\r\n");
        data(5000 + 17, "\r\n");

        assertThat(out.text()).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
    }

    @Test
    void sequenceNumbersWrapAround() {
        int isn = -3; // 0xfffffffd
        syn(isn);
        data(isn + 1, "ab");
        data(isn + 5, "ef"); // early, after wrap
        data(isn + 3, "cd"); // crosses 2^32

        assertThat(out.text()).isEqualTo("abcdef");
    }

    @Test
    void segmentHalfTheSequenceSpaceBehindIsOld() {
        syn(ISN);
        data(ISN + 1, "ab");
        data(ISN + 3 + Integer.MIN_VALUE, "zz");
        data(ISN + 3, "c");

        assertThat(out.text()).isEqualTo("abc");
    }

    @Test
    void finEndsTheDirectionOnlyWhenAllDataArrived() {
        syn(ISN);
        r.onSegment(
                ISN + 3,
                false,
                true,
                "c".getBytes(StandardCharsets.US_ASCII),
                0,
                1,
                9,
                ALLOWANCE,
                out);
        assertThat(r.isEnded()).isFalse();

        data(ISN + 1, "ab");

        assertThat(out.text()).isEqualTo("abc");
        assertThat(r.isEnded()).isTrue();
        assertThat(out.ends).isEqualTo(1);
    }

    @Test
    void earlyDataBeyondTheAllowanceIsDroppedAndReported() {
        syn(ISN);
        int dropped = r.onSegment(ISN + 100, false, false, new byte[10], 0, 10, 1, 15, out);
        int dropped2 = r.onSegment(ISN + 200, false, false, new byte[10], 0, 10, 1, 15, out);

        assertThat(dropped).isZero();
        assertThat(dropped2).isEqualTo(10);
        assertThat(r.heldBytes()).isEqualTo(10);
    }

    @Test
    void endDiscardsHeldDataOnce() {
        syn(ISN);
        data(ISN + 10, "late");

        r.end(5, out);
        r.end(6, out);
        data(ISN + 1, "ignored");

        assertThat(out.text()).isEmpty();
        assertThat(out.ends).isEqualTo(1);
        assertThat(r.heldBytes()).isZero();
    }

    private void syn(int seq) {
        r.onSegment(seq, true, false, new byte[0], 0, 0, 0, ALLOWANCE, out);
    }

    private void ack(int seq) {
        r.onSegment(seq, false, false, new byte[0], 0, 0, 0, ALLOWANCE, out);
    }

    private void data(int seq, String s) {
        byte[] b = ("xx" + s).getBytes(StandardCharsets.US_ASCII);
        r.onSegment(seq, false, false, b, 2, b.length - 2, 0, ALLOWANCE, out);
    }

    /** Collects delivered bytes. */
    private static final class Recorder implements StreamConsumer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int ends;

        @Override
        public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
            assertThat(direction).isEqualTo(1);
            bytes.write(buf, off, len);
        }

        @Override
        public void onEnd(int direction, long tsMicros) {
            ends++;
        }

        String text() {
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }
}

package io.netinsights.capture.tcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordering, overlap trimming, anchoring, bounds and gap skipping of {@link TcpReassembler}. */
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
    void earlyDataBeyondTheAllowanceGivesUpTheOldestGap() {
        syn(ISN);
        r.onSegment(ISN + 11, false, false, bytes("held"), 0, 4, 1, 6, out);
        r.onSegment(ISN + 21, false, false, bytes("next"), 0, 4, 1, 6, out);

        // "held" waited behind a 10-byte gap; holding "next" too would exceed 6 bytes
        assertThat(out.text()).isEqualTo("[gap 10]held");
        assertThat(r.heldBytes()).isEqualTo(4);
    }

    @Test
    void aSegmentLargerThanTheAllowanceIsDeliveredAfterItsGap() {
        syn(ISN);
        r.onSegment(ISN + 6, false, false, bytes("too big"), 0, 7, 1, 3, out);

        assertThat(out.text()).isEqualTo("[gap 5]too big");
        assertThat(r.heldBytes()).isZero();
    }

    @Test
    void peerAcknowledgingAHoleWithDataHeldAfterItSkipsIt() {
        syn(ISN);
        data(ISN + 1, "ab");
        data(ISN + 8, "hij");
        r.onPeerAck(ISN + 6, 2, out); // the peer got "cde" of the hole "cdefg": never resent
        assertThat(out.text()).isEqualTo("ab[gap 3]");

        data(ISN + 6, "fg"); // the unacknowledged rest of the hole could still come, and does
        assertThat(out.text()).isEqualTo("ab[gap 3]fghij");
    }

    @Test
    void peerAcknowledgementBeforeTheHeldDataArrivesCounts() {
        syn(ISN);
        data(ISN + 1, "ab");
        r.onPeerAck(ISN + 10, 2, out);
        assertThat(out.text()).isEqualTo("ab"); // nothing held: maybe only a FIN went unseen

        data(ISN + 10, "z");
        assertThat(out.text()).isEqualTo("ab[gap 7]z");
    }

    @Test
    void anAcknowledgementOfDeliveredDataChangesNothing() {
        syn(ISN);
        data(ISN + 1, "ab");
        data(ISN + 5, "ef");
        r.onPeerAck(ISN + 3, 2, out);

        assertThat(out.text()).isEqualTo("ab");
        assertThat(r.heldBytes()).isEqualTo(2);
    }

    @Test
    void endDeliversHeldDataAfterTheGapsOnce() {
        syn(ISN);
        data(ISN + 10, "late");
        data(ISN + 20, "later");

        r.end(5, out);
        r.end(6, out);
        data(ISN + 1, "ignored");

        assertThat(out.text()).isEqualTo("[gap 9]late[gap 6]later");
        assertThat(out.ends).isEqualTo(1);
        assertThat(r.heldBytes()).isZero();
    }

    @Test
    void endReportsBytesMissingBeforeASeenFin() {
        syn(ISN);
        data(ISN + 1, "ab");
        r.onSegment(ISN + 6, false, true, new byte[0], 0, 0, 3, ALLOWANCE, out);
        assertThat(r.isEnded()).isFalse();

        r.end(4, out);

        assertThat(out.text()).isEqualTo("ab[gap 3]");
        assertThat(out.ends).isEqualTo(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
        public void onGap(int direction, long lost, long tsMicros) {
            assertThat(direction).isEqualTo(1);
            bytes.writeBytes(("[gap " + lost + "]").getBytes(StandardCharsets.US_ASCII));
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

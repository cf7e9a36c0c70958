package io.netinsights.capture.dissect.http2;

import io.netinsights.capture.dissect.CappedBuffer;

/**
 * Assembles the header blocks of both directions (a HEADERS or PUSH_PROMISE frame without padding
 * and priority, plus its CONTINUATION frames) and decodes each complete block with that direction's
 * {@link HpackDecoder}, so that the HPACK state stays in step even for blocks nobody needs (PUSH
 * PROMISE). A block that is interrupted, too large, or starts with a CONTINUATION we cannot place
 * makes the direction's HPACK state unknown from then on, never wrong.
 */
final class HeaderBlocks {

    private final Http2Conversation owner;
    private final HpackDecoder[] decoders = {new HpackDecoder(), new HpackDecoder()};
    private final CappedBuffer[] fragments = {
        new CappedBuffer(FrameReader.MAX_BUFFERED), new CappedBuffer(FrameReader.MAX_BUFFERED)
    };
    private final int[] stream = new int[2];
    private final int[] flags = new int[2];
    private final int[] promised = new int[2];
    private final long[] micros = new long[2];
    private final long[] wire = new long[2];
    private final boolean[] started = new boolean[2];
    private final HeaderList decoded = new HeaderList();
    private boolean connectionStartSeen;

    HeaderBlocks(Http2Conversation owner) {
        this.owner = owner;
    }

    /** The connection's first bytes were seen: HPACK state starts empty and known. */
    void connectionStart() {
        connectionStartSeen = true;
    }

    /**
     * A SETTINGS frame sent in {@code direction}: its SETTINGS_HEADER_TABLE_SIZE (id 1) bounds the
     * table of the encoder on the other side.
     */
    void settings(int direction, byte[] b, int off, int len) {
        for (int i = off; i + 6 <= off + len; i += 6) {
            if (b[i] == 0 && b[i + 1] == 1) {
                decoders[1 - direction].peerSettingsTableSize(Frames.uint32(b, i + 2));
            }
        }
    }

    /** Whether a block of {@code direction} waits for CONTINUATION frames. */
    boolean isOpen(int direction) {
        return stream[direction] != 0;
    }

    /** The rest of the direction cannot be read: its HPACK state is unknown from now on. */
    void lose(int direction) {
        stream[direction] = 0;
        decoders[direction].lose();
    }

    /** A HEADERS ({@code promise} false) or PUSH_PROMISE frame. */
    void begin(
            int dir,
            int streamId,
            int frameFlags,
            boolean promise,
            byte[] b,
            int off,
            int len,
            boolean truncated,
            long ts) {
        int o = off;
        int l = len;
        int pad = 0;
        if ((frameFlags & Frames.FLAG_PADDED) != 0 && l > 0) {
            pad = b[o++] & 0xff;
            l--;
        }
        int skip = promise ? 4 : (frameFlags & Frames.FLAG_PRIORITY) != 0 ? 5 : 0;
        if (truncated || pad + skip > l) {
            owner.protocolError(dir);
            lose(dir);
            if (!promise) {
                decoded.clear();
                owner.onHeaderBlock(
                        dir, streamId, frameFlags, decoded, false, ts, Frames.HEADER_LENGTH + len);
            }
            return;
        }
        promised[dir] = promise ? Frames.streamId(b, o) : 0;
        stream[dir] = streamId;
        flags[dir] = frameFlags;
        micros[dir] = ts;
        wire[dir] = Frames.HEADER_LENGTH + len;
        if ((frameFlags & Frames.FLAG_END_HEADERS) != 0) {
            finish(dir, b, o + skip, l - skip - pad, false);
        } else {
            fragments[dir].clear();
            fragments[dir].add(b, o + skip, l - skip - pad);
        }
    }

    void continuation(
            int dir, int streamId, int frameFlags, byte[] b, int off, int len, boolean truncated) {
        if (stream[dir] != streamId) {
            // The start of this block is not ours to see (the capture began inside it) or the
            // peer broke the protocol: either way the entries it inserts are unknown.
            owner.protocolError(dir);
            lose(dir);
            owner.onLostBlock(dir, streamId);
            return;
        }
        fragments[dir].add(b, off, len);
        wire[dir] += Frames.HEADER_LENGTH + len;
        if ((frameFlags & Frames.FLAG_END_HEADERS) != 0) {
            CappedBuffer f = fragments[dir];
            finish(dir, f.array(), 0, f.size(), truncated || f.isTruncated());
        }
    }

    private void finish(int dir, byte[] b, int off, int len, boolean truncated) {
        int streamId = stream[dir];
        stream[dir] = 0;
        fragments[dir].clear();
        HpackDecoder decoder = decoders[dir];
        if (!started[dir]) {
            started[dir] = true;
            if (!connectionStartSeen) {
                decoder.startMidConnection();
            }
        }
        decoded.clear();
        boolean complete = !truncated && decoder.decode(b, off, len, decoded);
        if (truncated) {
            owner.protocolError(dir);
            decoder.lose();
        }
        for (int v = decoder.takeViolations(); v > 0; v--) {
            owner.protocolError(dir);
        }
        if (decoded.dropped() > 0) {
            owner.protocolError(dir); // a header list larger than any server accepts
        }
        if (promised[dir] != 0) {
            owner.onPushPromise(promised[dir]);
            return;
        }
        owner.onHeaderBlock(dir, streamId, flags[dir], decoded, complete, micros[dir], wire[dir]);
    }
}

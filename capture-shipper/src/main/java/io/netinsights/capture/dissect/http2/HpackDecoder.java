package io.netinsights.capture.dissect.http2;

import java.nio.charset.StandardCharsets;

/**
 * HPACK header block decoder (RFC 7541) for one direction of a connection, written for a passive
 * observer: a field that refers to a table entry we never saw is counted as unknown instead of
 * failing the block, and decoding goes on so that the entries the block inserts keep the table in
 * step (see {@link HpackDynamicTable}). A block that is malformed leaves the table state unknown.
 * Strings are decoded as UTF-8, as Go (and so Kubeshark) turns them into JSON.
 */
final class HpackDecoder {

    /** The table size both sides start with (RFC 9113 section 6.5.2). */
    static final int DEFAULT_TABLE_SIZE = 4096;

    /** The most table bytes kept per direction, whatever the peers agree on. */
    static final int MAX_TABLE_SIZE = 64 << 10;

    /** Integers above this are not plausible in a header block and end decoding. */
    private static final int MAX_INTEGER = 1 << 24;

    private final HpackDynamicTable table = new HpackDynamicTable(DEFAULT_TABLE_SIZE);
    private byte[] huffman = new byte[256];
    private long settingsLimit = DEFAULT_TABLE_SIZE;
    private int violations;

    // Decoding cursor and the octet length of the last string read.
    private int pos;
    private int stringLength;

    /** The capture started after the connection did: the table content is unknown. */
    void startMidConnection() {
        table.forget();
    }

    /** A header block of this direction was lost: from now on older entries are unknown. */
    void lose() {
        table.forget();
    }

    /** The peer's SETTINGS_HEADER_TABLE_SIZE: the most the encoder may use. */
    void peerSettingsTableSize(long value) {
        settingsLimit = Math.max(settingsLimit, value);
    }

    /** Protocol violations seen since the last call (each is a parse error), then resets. */
    int takeViolations() {
        int v = violations;
        violations = 0;
        return v;
    }

    /**
     * Decodes one complete header block into {@code out}.
     *
     * @return false when the block is malformed; the fields before the damage are in {@code out}
     *     and the table is then unknown
     */
    boolean decode(byte[] b, int off, int len, HeaderList out) {
        pos = off;
        int end = off + len;
        while (pos < end) {
            if (!field(b, end, out)) {
                violations++;
                table.forget();
                return false;
            }
        }
        return true;
    }

    private boolean field(byte[] b, int end, HeaderList out) {
        int c = b[pos] & 0xff;
        if (c >= 0x80) {
            int index = integer(b, end, 7);
            if (index <= 0) {
                return false;
            }
            String name = name(index);
            String value = name == null ? null : value(index);
            if (name == null || value == null) {
                out.addUnknown();
            } else {
                out.add(name, value);
            }
            return true;
        }
        if (c >= 0x40) {
            return literal(b, end, 6, true, out);
        }
        if (c >= 0x20) {
            int newMax = integer(b, end, 5);
            if (newMax < 0) {
                return false;
            }
            if (newMax > settingsLimit) {
                violations++; // larger than the peer allowed; follow it anyway
            }
            table.setMaxSize(newMax, MAX_TABLE_SIZE);
            return true;
        }
        return literal(b, end, 4, false, out); // without indexing (0000) or never indexed (0001)
    }

    private boolean literal(byte[] b, int end, int prefix, boolean indexing, HeaderList out) {
        int index = integer(b, end, prefix);
        if (index < 0) {
            return false;
        }
        String name;
        int nameLength;
        if (index == 0) {
            name = string(b, end);
            if (name == null) {
                return false;
            }
            nameLength = stringLength;
        } else {
            name = name(index);
            nameLength = nameLength(index);
        }
        String value = string(b, end);
        if (value == null) {
            return false;
        }
        if (indexing) {
            table.add(name, nameLength, value, stringLength);
        }
        if (name == null) {
            out.addUnknown();
        } else {
            out.add(name, value);
        }
        return true;
    }

    /** Name of a static or dynamic entry, or null when unknown. */
    private String name(int index) {
        if (index <= HpackStaticTable.LENGTH) {
            return HpackStaticTable.name(index);
        }
        int i = index - HpackStaticTable.LENGTH;
        if (i > table.count()) {
            if (!table.isTailUnknown()) {
                violations++; // COMPRESSION_ERROR: an index the encoder cannot have
            }
            return null;
        }
        return table.name(i);
    }

    private String value(int index) {
        if (index <= HpackStaticTable.LENGTH) {
            return HpackStaticTable.value(index);
        }
        return table.value(index - HpackStaticTable.LENGTH);
    }

    private int nameLength(int index) {
        if (index <= HpackStaticTable.LENGTH) {
            return HpackStaticTable.name(index).length();
        }
        int i = index - HpackStaticTable.LENGTH;
        return i > table.count() ? 0 : table.nameLength(i);
    }

    /** An integer with an N-bit prefix (RFC 7541 section 5.1), or -1 when truncated or too big. */
    private int integer(byte[] b, int end, int prefixBits) {
        int max = (1 << prefixBits) - 1;
        int value = b[pos++] & max;
        if (value < max) {
            return value;
        }
        int shift = 0;
        while (pos < end && shift <= 21) {
            int octet = b[pos++] & 0xff;
            value += (octet & 0x7f) << shift;
            if (value > MAX_INTEGER) {
                return -1;
            }
            if ((octet & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
        return -1;
    }

    /** A string literal (RFC 7541 section 5.2), or null when malformed; sets stringLength. */
    private String string(byte[] b, int end) {
        if (pos >= end) {
            return null;
        }
        boolean huffmanCoded = (b[pos] & 0x80) != 0;
        int len = integer(b, end, 7);
        if (len < 0 || len > end - pos) {
            return null;
        }
        int from = pos;
        pos += len;
        if (!huffmanCoded) {
            stringLength = len;
            return new String(b, from, len, StandardCharsets.UTF_8);
        }
        int max = Huffman.maxDecodedLength(len);
        if (huffman.length < max) {
            huffman = new byte[Math.max(max, huffman.length * 2)];
        }
        int n = Huffman.decode(b, from, len, huffman);
        if (n < 0) {
            return null;
        }
        stringLength = n;
        return new String(huffman, 0, n, StandardCharsets.UTF_8);
    }
}

package io.netinsights.capture.dissect.http2;

import java.util.ArrayList;

/**
 * The header fields of one HTTP/2 message in wire order (names are lower case, pseudo-headers
 * included), and how many fields could not be decoded because they refer to HPACK state we never
 * saw. At most {@link #MAX_SIZE} bytes of fields are kept (counted as in SETTINGS_MAX_HEADER_LIST
 * _SIZE), because a few bytes of HPACK can refer to a large table entry many times. Reused: {@link
 * #clear()} keeps the lists' capacity.
 */
final class HeaderList {

    static final int MAX_SIZE = 256 << 10;

    private final ArrayList<String> names = new ArrayList<>(16);
    private final ArrayList<String> values = new ArrayList<>(16);
    private int unknown;
    private int dropped;
    private long size;

    void add(String name, String value) {
        long fieldSize = (long) name.length() + value.length() + HpackDynamicTable.ENTRY_OVERHEAD;
        if (size + fieldSize > MAX_SIZE) {
            dropped++;
            return;
        }
        size += fieldSize;
        names.add(name);
        values.add(value);
    }

    /** A field that refers to an HPACK entry we do not know. */
    void addUnknown() {
        unknown++;
    }

    void addAll(HeaderList other) {
        for (int i = 0; i < other.size(); i++) {
            add(other.names.get(i), other.values.get(i));
        }
        unknown += other.unknown;
        dropped += other.dropped;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    String value(int i) {
        return values.get(i);
    }

    /** Fields that could not be decoded. */
    int unknown() {
        return unknown;
    }

    /** Fields left out because the list was full. */
    int dropped() {
        return dropped;
    }

    /** The first value of a field (names are compared exactly: HTTP/2 names are lower case). */
    String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    void clear() {
        names.clear();
        values.clear();
        unknown = 0;
        dropped = 0;
        size = 0;
    }
}

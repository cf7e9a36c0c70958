package io.netinsights.capture.dissect.http2;

import java.util.Arrays;

/**
 * The HPACK dynamic table of one direction as a passive observer can know it (RFC 7541 section
 * 2.3.2): a ring of entries, newest first. An encoder only ever inserts at the front and evicts
 * from the back, so the newest entries we saw inserted have the same indices as in the real table
 * even when we missed what came before. What we may not know is marked instead of guessed:
 *
 * <ul>
 *   <li>{@link #tailUnknown}: entries older than ours may exist (a capture that started
 *       mid-connection, or a header block we lost). An index past our entries is then unknown.
 *   <li>an entry whose name came from an unknown entry has a null name.
 * </ul>
 *
 * Evicting too little is harmless (extra entries sit at indices an encoder no longer uses), so
 * sizes that are not known exactly are counted low. Once our exactly-sized entries fill a known
 * maximum, nothing older can fit, and the table is fully known again.
 */
final class HpackDynamicTable {

    /** Per RFC 7541 section 4.1. */
    static final int ENTRY_OVERHEAD = 32;

    private String[] names = new String[16];
    private String[] values = new String[16];
    private int[] nameLengths = new int[16];
    private int[] sizes = new int[16];
    private int first;
    private int count;
    private long size;
    private long maxSize;
    private int inexact;
    private boolean tailUnknown;
    private boolean maxKnown;

    HpackDynamicTable(int initialMaxSize) {
        this.maxSize = initialMaxSize;
        this.maxKnown = true;
    }

    int count() {
        return count;
    }

    boolean isTailUnknown() {
        return tailUnknown;
    }

    /** Name of dynamic entry {@code i} (1 = newest), or null when unknown. */
    String name(int i) {
        return names[slot(i)];
    }

    String value(int i) {
        return values[slot(i)];
    }

    /** Octets of the name of entry {@code i}, a lower bound when the name is unknown. */
    int nameLength(int i) {
        return nameLengths[slot(i)];
    }

    /**
     * Forgets everything: what came before is unknown (a capture that starts mid-connection, or a
     * header block we could not read). The maximum size is unknown too until the encoder says it.
     */
    void forget() {
        Arrays.fill(names, null);
        Arrays.fill(values, null);
        count = 0;
        size = 0;
        inexact = 0;
        tailUnknown = true;
        maxKnown = false;
    }

    /**
     * A dynamic table size update from the encoder (RFC 7541 section 6.3).
     *
     * @param cap the most we keep; a larger maximum is clamped, and then no longer known exactly
     */
    void setMaxSize(long newMax, long cap) {
        maxSize = Math.min(newMax, cap);
        maxKnown = newMax <= cap;
        evictTo(maxSize);
        if (newMax == 0) {
            tailUnknown = false; // the real table is empty too
        }
        checkFull();
    }

    /**
     * Inserts an entry at the front.
     *
     * @param name the name, or null when unknown ({@code nameLength} is then a lower bound)
     */
    void add(String name, int nameLength, String value, int valueLength) {
        long entrySize = (long) nameLength + valueLength + ENTRY_OVERHEAD;
        if (entrySize > maxSize) {
            if (maxKnown) {
                clear(); // RFC 7541 section 4.4: an entry larger than the table empties it
                tailUnknown = false;
            } else {
                forget(); // the real maximum may be larger: whether it was kept is unknown
            }
            return;
        }
        evictTo(maxSize - entrySize);
        if (count == names.length) {
            grow();
        }
        first = (first - 1 + names.length) % names.length;
        names[first] = name;
        values[first] = value;
        nameLengths[first] = nameLength;
        sizes[first] = (int) Math.min(Integer.MAX_VALUE, entrySize);
        count++;
        size += entrySize;
        if (name == null) {
            inexact++;
        }
        checkFull();
    }

    private void checkFull() {
        if (tailUnknown && maxKnown && inexact == 0 && size + ENTRY_OVERHEAD > maxSize) {
            tailUnknown = false; // no older entry of at least 32 bytes can still fit
        }
    }

    private void evictTo(long limit) {
        while (count > 0 && size > limit) {
            int last = (first + count - 1) % names.length;
            size -= sizes[last];
            if (names[last] == null) {
                inexact--;
            }
            names[last] = null;
            values[last] = null;
            count--;
        }
    }

    private void clear() {
        evictTo(-1);
    }

    private int slot(int i) {
        return (first + i - 1) % names.length;
    }

    private void grow() {
        int n = names.length * 2;
        String[] nn = new String[n];
        String[] nv = new String[n];
        int[] nl = new int[n];
        int[] ns = new int[n];
        for (int i = 0; i < count; i++) {
            int s = (first + i) % names.length;
            nn[i] = names[s];
            nv[i] = values[s];
            nl[i] = nameLengths[s];
            ns[i] = sizes[s];
        }
        names = nn;
        values = nv;
        nameLengths = nl;
        sizes = ns;
        first = 0;
    }
}

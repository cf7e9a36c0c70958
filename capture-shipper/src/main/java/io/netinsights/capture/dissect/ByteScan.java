package io.netinsights.capture.dissect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches in byte arrays eight bytes per step (bit tricks on a {@code long}, the "has zero byte"
 * test), for the loops that touch every byte of a message: line ends in HTTP heads and the bytes a
 * JSON string must escape in bodies.
 */
public final class ByteScan {

    static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** Index of the first {@code c} in {@code b[from .. to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        long pattern = (c & 0xffL) * ONES;
        int i = from;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            if (((x - ONES) & ~x & HIGHS) != 0) {
                break; // a zero byte of x, an exact hit, is in these eight
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first {@code c1} or {@code c2} in {@code b[from .. to)}, or -1. */
    public static int indexOfEither(byte[] b, int from, int to, byte c1, byte c2) {
        long p1 = (c1 & 0xffL) * ONES;
        long p2 = (c2 & 0xffL) * ONES;
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LONGS.get(b, i);
            long x = w ^ p1;
            long y = w ^ p2;
            if ((((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS) != 0) {
                break;
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (b[i] == c1 || b[i] == c2) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first byte in {@code b[from .. to)} that is below 0x20, {@code "} or {@code \},
     * or {@code to}: the bytes a JSON string escapes.
     */
    public static int indexOfJsonSpecial(byte[] b, int from, int to) {
        int i = from;
        while (i + 32 <= to
                && (jsonSpecial((long) LONGS.get(b, i))
                                | jsonSpecial((long) LONGS.get(b, i + 8))
                                | jsonSpecial((long) LONGS.get(b, i + 16))
                                | jsonSpecial((long) LONGS.get(b, i + 24)))
                        == 0) {
            i += 32;
        }
        while (i + 8 <= to && jsonSpecial((long) LONGS.get(b, i)) == 0) {
            i += 8;
        }
        for (; i < to; i++) {
            int c = b[i];
            if (c >= 0 && (c < 0x20 || c == '"' || c == '\\')) {
                return i;
            }
        }
        return to;
    }

    /**
     * Non-zero when one of the eight bytes is below 0x20, {@code "} or {@code \}. Bytes from 0x80
     * never count (the {@code ~x} term); the subtractions can only mark bytes above a real hit.
     */
    static long jsonSpecial(long x) {
        long q = x ^ ('"' * ONES);
        long s = x ^ ('\\' * ONES);
        return ((x - 0x20 * ONES) | (q - ONES) | (s - ONES)) & ~x & HIGHS;
    }
}

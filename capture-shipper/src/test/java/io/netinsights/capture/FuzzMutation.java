package io.netinsights.capture;

import java.util.Arrays;
import java.util.Random;

import static io.netinsights.capture.testutils.TestingHttp2.concat;

/**
 * One change that {@link DissectorFuzzTest} makes to valid input, at a relative position {@code
 * at}: a bit flip, a truncation, a duplicated or deleted stretch, a length field set to an extreme,
 * or inserted junk.
 */
record FuzzMutation(FuzzMutation.Kind kind, double at, int length, int value) {

    /** How a {@link FuzzMutation} changes bytes. */
    enum Kind {
        BIT_FLIP,
        TRUNCATE,
        DUPLICATE,
        LENGTH_FIELD,
        INSERT_JUNK,
        DELETE
    }

    byte[] apply(byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int i = Math.min(b.length - 1, (int) (at * b.length));
        int n = Math.min(length, b.length - i);
        switch (kind) {
            case BIT_FLIP:
                byte[] f = b.clone();
                f[i] ^= (byte) (1 << (value & 7));
                return f;
            case TRUNCATE:
                return Arrays.copyOf(b, i);
            case DUPLICATE:
                return concat(Arrays.copyOf(b, i + n), Arrays.copyOfRange(b, i, b.length));
            case LENGTH_FIELD:
                // 1, 2 or 4 bytes of a size set to an extreme: 0, all ones, a sign flip, ...
                byte[] l = b.clone();
                int width = new int[] {1, 2, 4}[value % 3];
                byte fill = (byte) new int[] {0x00, 0xff, 0x7f, 0x80, value}[value % 5];
                for (int k = 0; k < width && i + k < l.length; k++) {
                    l[i + k] = k == 0 ? fill : (byte) (fill == (byte) 0x80 ? 0 : fill);
                }
                return l;
            case INSERT_JUNK:
                byte[] junk = new byte[n];
                new Random(value).nextBytes(junk);
                return concat(Arrays.copyOf(b, i), junk, Arrays.copyOfRange(b, i, b.length));
            case DELETE:
            default:
                return concat(Arrays.copyOf(b, i), Arrays.copyOfRange(b, i + n, b.length));
        }
    }
}

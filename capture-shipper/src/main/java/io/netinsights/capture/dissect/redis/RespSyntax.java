package io.netinsights.capture.dissect.redis;

/**
 * The lexical rules of RESP2/RESP3 lines: which byte starts which kind of value, how lengths and
 * counts are written, and which leaf values are well-formed. Stateless helpers of {@link
 * RespParser}.
 */
final class RespSyntax {

    private RespSyntax() {}

    /** Whether {@code t} starts a RESP2 or RESP3 value. */
    static boolean isTypeByte(byte t) {
        return isBulkType(t) || isAggregateType(t) || isLeafType(t);
    }

    /** Types whose header line gives a byte length ({@code $}, {@code !}, {@code =}). */
    static boolean isBulkType(byte t) {
        return t == '$' || t == '!' || t == '=';
    }

    /** Types whose header line gives an element count ({@code * ~ > % |}). */
    static boolean isAggregateType(byte t) {
        return t == '*' || t == '~' || t == '>' || t == '%' || t == '|';
    }

    /** Types whose value is the rest of their line ({@code + - : _ # , (}). */
    static boolean isLeafType(byte t) {
        return t == '+' || t == '-' || t == ':' || t == '_' || t == '#' || t == ',' || t == '(';
    }

    /** Whether the line {@code line[0 .. n)} of leaf type {@code t} is well-formed. */
    static boolean isValidLeaf(byte t, byte[] line, int n) {
        switch (t) {
            case ':':
            case '(':
                return isDigits(line, 1, n);
            case '_':
                return n == 1;
            case '#':
                return n == 2 && (line[1] == 't' || line[1] == 'f');
            default:
                return isLeafType(t);
        }
    }

    /** The decimal integer in {@code b[from .. to)}, or {@link Long#MIN_VALUE} if invalid. */
    static long parseNumber(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative || (i < to && b[i] == '+')) {
            i++;
        }
        if (i == to || to - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** Whether {@code b[from .. to)} is an optionally signed run of decimal digits. */
    static boolean isDigits(byte[] b, int from, int to) {
        int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
        if (i == to) {
            return false;
        }
        for (; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }
}

package io.netinsights.capture.decode;

/**
 * Text form of IP addresses: dotted IPv4 and RFC 5952 IPv6 ({@code 2001:db8::1}), the forms tshark
 * and Go print.
 */
public final class IpFormat {

    private IpFormat() {}

    /** Formats an address held as two longs (IPv4 in the low 32 bits of {@code lo}). */
    public static String format(int version, long hi, long lo) {
        return version == 4 ? ipv4((int) lo) : ipv6(hi, lo);
    }

    public static String ipv4(int a) {
        return ((a >>> 24) & 0xff)
                + "."
                + ((a >>> 16) & 0xff)
                + "."
                + ((a >>> 8) & 0xff)
                + "."
                + (a & 0xff);
    }

    /** IPv4 from 4 bytes at {@code off}. */
    public static String ipv4(byte[] b, int off) {
        return ipv4(Bytes.u32(b, off));
    }

    /** IPv6 from 16 bytes at {@code off}. */
    public static String ipv6(byte[] b, int off) {
        return ipv6(Bytes.u64(b, off), Bytes.u64(b, off + 8));
    }

    public static String ipv6(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return "::ffff:" + ipv4((int) lo);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}

package io.netinsights.policy;

import java.util.Arrays;

/**
 * Parses literal IPv4 and IPv6 addresses into bytes without any name lookup. An IPv4-mapped IPv6
 * address ({@code ::ffff:10.0.0.1}) becomes its IPv4 address, as Kubernetes (Go's {@code
 * net.IP.To4}) compares it against IPv4 CIDRs.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /** The address as 4 or 16 bytes; throws {@link IllegalArgumentException} if not a literal. */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty IP address");
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        byte[] out = s.indexOf(':') >= 0 ? parseV6(s, text) : parseV4(s, text);
        return unmapV4(out);
    }

    /** Like {@link #parse} but returns {@code null} for text that is not an IP literal. */
    public static byte[] tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] unmapV4(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if (a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
            return Arrays.copyOfRange(a, 12, 16);
        }
        return a;
    }

    private static byte[] parseV4(String s, String original) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(original);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw bad(original);
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw bad(original);
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s, String original) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            throw bad(original);
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] h = groups(head, original, dc < 0 || tail.isEmpty());
        int[] t = dc >= 0 ? groups(tail, original, true) : new int[0];
        int total = h.length + t.length;
        if ((dc < 0 && total != 8) || (dc >= 0 && total > 7)) {
            throw bad(original);
        }
        int[] all = new int[8];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(t, 0, all, 8 - t.length, t.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** 16-bit groups of one side of "::"; the last group may be a dotted IPv4 address. */
    private static int[] groups(String part, String original, boolean v4AllowedAtEnd) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] g = part.split(":", -1);
        int n = g.length;
        boolean v4 = v4AllowedAtEnd && g[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < (v4 ? n - 1 : n); i++) {
            String x = g[i];
            if (x.isEmpty() || x.length() > 4) {
                throw bad(original);
            }
            try {
                out[i] = Integer.parseInt(x, 16);
            } catch (NumberFormatException e) {
                throw bad(original);
            }
        }
        if (v4) {
            byte[] b = parseV4(g[n - 1], original);
            out[n - 1] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
            out[n] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }
        return out;
    }

    private static IllegalArgumentException bad(String s) {
        return new IllegalArgumentException("not an IP address: " + s);
    }
}

package io.netinsights.capture.decode;

/** Big-endian reads from byte arrays; callers check bounds first. */
public final class Bytes {

    private Bytes() {}

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    /** Four bytes as an int (use {@code & 0xffffffffL} for the unsigned value). */
    public static int u32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24)
                | ((b[off + 1] & 0xff) << 16)
                | ((b[off + 2] & 0xff) << 8)
                | (b[off + 3] & 0xff);
    }

    public static long u64(byte[] b, int off) {
        return ((long) u32(b, off) << 32) | (u32(b, off + 4) & 0xffffffffL);
    }
}

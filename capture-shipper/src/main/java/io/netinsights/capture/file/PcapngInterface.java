package io.netinsights.capture.file;

import java.math.BigInteger;

/**
 * One interface of a pcapng section: its link type, snap length and timestamp resolution ({@code
 * if_tsresol}, a power of 10 or of 2 ticks per second) and offset ({@code if_tsoffset}, seconds),
 * and the conversion of its timestamps to Unix microseconds as libpcap does it: whole seconds, then
 * the fraction scaled and rounded down.
 */
final class PcapngInterface {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    final int dlt;
    final int snapshot;
    private final boolean binary;
    private final int exponent;
    private final long ticksPerSecond; // unsigned
    private final long offsetSeconds;

    private PcapngInterface(
            int dlt, int snapshot, boolean binary, int exponent, long offsetSeconds) {
        this.dlt = dlt;
        this.snapshot = snapshot;
        this.binary = binary;
        this.exponent = exponent;
        this.ticksPerSecond = binary ? 1L << exponent : pow10(exponent);
        this.offsetSeconds = offsetSeconds;
    }

    /**
     * An interface.
     *
     * @param tsresol the {@code if_tsresol} byte: bit 7 set for a power of 2, the rest the exponent
     *     (6, microseconds, when the option is absent)
     * @return null when the resolution does not fit in 64 bits
     */
    static PcapngInterface of(int dlt, int snapshot, int tsresol, long offsetSeconds) {
        boolean binary = (tsresol & 0x80) != 0;
        int exponent = tsresol & 0x7f;
        if (binary ? exponent > 63 : exponent > 19) {
            return null;
        }
        return new PcapngInterface(dlt, snapshot, binary, exponent, offsetSeconds);
    }

    /** Unix microseconds of a 64-bit timestamp in this interface's ticks. */
    long micros(long ticks) {
        long seconds = Long.divideUnsigned(ticks, ticksPerSecond) + offsetSeconds;
        long fraction = Long.remainderUnsigned(ticks, ticksPerSecond);
        return seconds * MICROS_PER_SECOND + fractionMicros(fraction);
    }

    private long fractionMicros(long fraction) {
        if (binary) {
            if (exponent <= 44) {
                // fraction < 2^44, so fraction * 10^6 < 2^64 and fits unsigned
                return (fraction * MICROS_PER_SECOND) >>> exponent;
            }
            return BigInteger.valueOf(fraction)
                    .multiply(BigInteger.valueOf(MICROS_PER_SECOND))
                    .shiftRight(exponent)
                    .longValue();
        }
        if (exponent == 6) {
            return fraction;
        }
        return exponent < 6
                ? fraction * pow10(6 - exponent)
                : Long.divideUnsigned(fraction, pow10(exponent - 6));
    }

    /** 10^n as an unsigned 64-bit value (n up to 19). */
    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}

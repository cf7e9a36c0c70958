package io.netinsights.capture.testutils;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small pcap and pcapng files (little-endian, microsecond timestamps) for tests. */
public final class TestingPcapWriter {

    private TestingPcapWriter() {}

    /** A classic pcap file with one link type. */
    public static Path pcap(Path file, int linkType, List<TestingFrames.Frame> frames)
            throws IOException {
        int size = 24 + frames.stream().mapToInt(f -> 16 + f.bytes.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
        b.putInt(262144).putInt(linkType);
        for (TestingFrames.Frame f : frames) {
            b.putInt((int) (f.tsMicros / 1_000_000)).putInt((int) (f.tsMicros % 1_000_000));
            b.putInt(f.bytes.length).putInt(f.bytes.length).put(f.bytes);
        }
        return Files.write(file, b.array());
    }

    /** A pcapng file: section header, one interface, enhanced packet blocks. */
    public static Path pcapng(Path file, int linkType, List<TestingFrames.Frame> frames)
            throws IOException {
        int size = 28 + 20 + frames.stream().mapToInt(f -> 32 + pad(f.bytes.length)).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0a0d0d0a).putInt(28).putInt(0x1a2b3c4d).putShort((short) 1);
        b.putShort((short) 0).putLong(-1L).putInt(28);
        b.putInt(1).putInt(20).putShort((short) linkType).putShort((short) 0).putInt(262144);
        b.putInt(20);
        for (TestingFrames.Frame f : frames) {
            int len = 32 + pad(f.bytes.length);
            b.putInt(6).putInt(len).putInt(0);
            b.putInt((int) (f.tsMicros >>> 32)).putInt((int) f.tsMicros);
            b.putInt(f.bytes.length).putInt(f.bytes.length).put(f.bytes);
            b.position(b.position() + pad(f.bytes.length) - f.bytes.length);
            b.putInt(len);
        }
        return Files.write(file, b.array());
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}

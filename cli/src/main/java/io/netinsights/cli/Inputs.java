package io.netinsights.cli;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.PcapItemReader;
import io.netinsights.jobs.sources.ItemReaderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Input files of the embedded commands: checks and reader factories. */
final class Inputs {
    private static final int PCAP_LE = 0xd4c3b2a1;
    private static final int PCAP_BE = 0xa1b2c3d4;
    private static final int PCAP_NS_LE = 0x4d3cb2a1;
    private static final int PCAP_NS_BE = 0xa1b23c4d;
    private static final int PCAPNG = 0x0a0d0d0a;

    private Inputs() {}

    /** Fails with a one-line reason if the file is missing, or is not a capture when it must be. */
    static void checkReadable(Path file, boolean capture) {
        if (!Files.isRegularFile(file)) {
            throw new Errors.UserError("input not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new Errors.UserError("input not readable: " + file);
        }
        if (capture) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] b = in.readNBytes(4);
                int magic =
                        b.length < 4
                                ? 0
                                : ((b[0] & 0xff) << 24)
                                        | ((b[1] & 0xff) << 16)
                                        | ((b[2] & 0xff) << 8)
                                        | (b[3] & 0xff);
                if (magic != PCAP_LE
                        && magic != PCAP_BE
                        && magic != PCAP_NS_LE
                        && magic != PCAP_NS_BE
                        && magic != PCAPNG) {
                    throw new Errors.UserError("not a pcap or pcapng capture: " + file);
                }
            } catch (IOException e) {
                throw new Errors.UserError("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /** Items of a capture file, with the given node name. */
    static ItemReaderFactory pcapFactory(String node) {
        // The reader closes its file itself once it has read the last packet.
        return path ->
                PcapItemReader.open(Path.of(path), CaptureOptions.builder().nodeName(node).build());
    }
}

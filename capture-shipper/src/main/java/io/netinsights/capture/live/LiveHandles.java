package io.netinsights.capture.live;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.BlockingMode;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

import java.io.IOException;

/**
 * Opens libpcap handles for {@link LiveCapture} as stack.md §4 found them to work: immediate mode,
 * a short read timeout, non-blocking reads (a blocking read on an idle interface never returns),
 * and the BPF filter compiled with optimisation.
 */
final class LiveHandles {

    private LiveHandles() {}

    /**
     * An open, non-blocking, filtered handle on {@code options.interfaceName()}.
     *
     * @throws IOException when the interface cannot be opened (missing, or no permission: live
     *     capture needs root or CAP_NET_RAW)
     * @throws IllegalArgumentException when the BPF filter does not compile
     */
    static PcapHandle open(LiveCaptureOptions options) throws IOException {
        String name = options.interfaceName();
        PcapHandle handle;
        try {
            handle =
                    new PcapHandle.Builder(name)
                            .snaplen(options.snaplen())
                            .timeoutMillis(options.readTimeoutMillis())
                            .bufferSize(options.bufferBytes())
                            .immediateMode(true)
                            .promiscuousMode(
                                    options.promiscuous()
                                            ? PromiscuousMode.PROMISCUOUS
                                            : PromiscuousMode.NONPROMISCUOUS)
                            .timestampPrecision(TimestampPrecision.MICRO)
                            .build();
        } catch (PcapNativeException e) {
            throw new IOException("cannot capture on interface " + name + ": " + e.getMessage(), e);
        }
        try {
            configure(handle, options);
            return handle;
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private static void configure(PcapHandle handle, LiveCaptureOptions options)
            throws IOException {
        try {
            handle.setBlockingMode(BlockingMode.NONBLOCKING);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException(
                    "cannot make " + options.interfaceName() + " non-blocking: " + e.getMessage(),
                    e);
        }
        if (!options.filter().isEmpty()) {
            try {
                handle.setFilter(options.filter(), BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException | NotOpenException e) {
                throw new IllegalArgumentException(
                        "invalid BPF filter '" + options.filter() + "': " + e.getMessage(), e);
            }
        }
    }
}

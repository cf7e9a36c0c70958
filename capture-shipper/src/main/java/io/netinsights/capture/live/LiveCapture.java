package io.netinsights.capture.live;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.CapturePipeline;
import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.schemas.ApiItem;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Captures packets from a network interface with pcap4j and feeds them to a {@link
 * CapturePipeline}. Reads are non-blocking (a blocking read on an idle interface never returns),
 * and the wall clock is fed to the pipeline every tick so that pairing and idle-flow timeouts fire
 * without traffic. {@link #run()} captures on the calling thread; {@link #stop()} ends it from any
 * thread, after which every pending exchange is emitted.
 */
public final class LiveCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCapture.class);

    private final LiveCaptureOptions options;
    private final PcapHandle handle;
    private final int dlt;
    private final CaptureStats stats = new CaptureStats();
    private final CapturePipeline pipeline;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean running;
    private Runnable tickListener = () -> {};
    private long kernelDrops;
    private IOException readFailure;
    private volatile boolean handleOpen = true;

    private LiveCapture(
            LiveCaptureOptions options,
            PcapHandle handle,
            CaptureOptions capture,
            Consumer<ApiItem> out) {
        this.options = options;
        this.handle = handle;
        this.dlt = handle.getDlt().value();
        this.pipeline = new CapturePipeline(capture, stats, out);
    }

    /**
     * Opens the interface and installs the filter; packets are buffered by the kernel from here on,
     * so traffic started after this returns is captured.
     *
     * @throws IOException when the interface cannot be opened (missing, or no permission: live
     *     capture needs root or CAP_NET_RAW)
     * @throws IllegalArgumentException when the BPF filter does not compile
     */
    public static LiveCapture open(
            LiveCaptureOptions options, CaptureOptions capture, Consumer<ApiItem> out)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(out, "out");
        String name = options.interfaceName();
        PcapHandle handle = LiveHandles.open(options);
        int dlt = handle.getDlt().value();
        if (!LinkTypes.isSupported(dlt)) {
            LOG.warn("{}: link type {} is not supported; every packet will be skipped", name, dlt);
        }
        LOG.info("capturing on {} (link type {}, filter '{}')", name, dlt, options.filter());
        return new LiveCapture(options, handle, capture, out);
    }

    /**
     * Runs {@code listener} on the capture thread once per tick and once at the end (progress,
     * flushing an output); it may read {@link #stats()}.
     */
    public void onTick(Runnable listener) {
        this.tickListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Captures on the calling thread until {@link #stop()}, the configured duration, or a read
     * error; then ends every flow, emits what is pending and releases the interface. Call once.
     *
     * @throws IOException when reading from the interface failed (it went down, for example); the
     *     items captured before are emitted all the same
     */
    public void run() throws IOException {
        if (running || !handleOpen) {
            throw new IllegalStateException("a live capture runs once");
        }
        running = true;
        Exception failure = null;
        try {
            failure = loop();
        } catch (RuntimeException e) {
            failure = e; // from the item consumer or the tick listener
        } finally {
            try {
                finishCapture();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            } finally {
                finished.countDown();
            }
        }
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    private IOException loop() {
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(options.tickMillis());
        long start = System.nanoTime();
        long deadline =
                options.durationMillis() > 0
                        ? start + TimeUnit.MILLISECONDS.toNanos(options.durationMillis())
                        : Long.MAX_VALUE;
        long nextTick = start + tickNanos;
        while (!stopRequested) {
            ReadResult r = readOne();
            if (r == ReadResult.FAILED) {
                return readFailure;
            }
            if (r == ReadResult.CLOSED) {
                return null;
            }
            long now = System.nanoTime();
            if (now - nextTick >= 0) {
                tick();
                nextTick = now + tickNanos;
            }
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
                return null;
            }
            if (r == ReadResult.NOTHING && !pause()) {
                return null;
            }
        }
        return null;
    }

    /** What one non-blocking read gave. */
    private enum ReadResult {
        PACKET,
        NOTHING,
        CLOSED,
        FAILED
    }

    private ReadResult readOne() {
        try {
            byte[] frame = handle.getNextRawPacketEx();
            Timestamp ts = handle.getTimestamp();
            long micros = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
            pipeline.onPacket(dlt, frame, frame.length, micros);
            return ReadResult.PACKET;
        } catch (TimeoutException e) {
            // Non-blocking mode: nothing is waiting in the kernel buffer right now.
            return ReadResult.NOTHING;
        } catch (PcapNativeException e) {
            stats.increment(Counter.READ_ERRORS);
            readFailure =
                    new IOException(
                            "reading "
                                    + options.interfaceName()
                                    + " failed after "
                                    + stats.packets()
                                    + " packets: "
                                    + e.getMessage(),
                            e);
            LOG.warn("{}; the capture stops", readFailure.getMessage());
            return ReadResult.FAILED;
        } catch (EOFException | NotOpenException e) {
            LOG.debug("{}: capture ended: {}", options.interfaceName(), e.toString());
            return ReadResult.CLOSED;
        } catch (IllegalArgumentException e) {
            // pcap4j rejects a record with an out-of-range timestamp after libpcap read it.
            stats.increment(Counter.READ_ERRORS);
            LOG.debug("{}: bad record: {}", options.interfaceName(), e.toString());
            return ReadResult.NOTHING;
        }
    }

    /** Sleeps briefly; false when interrupted (the capture then ends as if stopped). */
    private boolean pause() {
        try {
            Thread.sleep(options.idleSleepMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("capture on {} interrupted, stopping", options.interfaceName());
            return false;
        }
    }

    private void tick() {
        PipelineClock.advance(pipeline, stats, System.currentTimeMillis() * 1000L);
        readKernelDrops();
        tickListener.run();
    }

    private void readKernelDrops() {
        try {
            PcapStat s = handle.getStats();
            kernelDrops = s.getNumPacketsDropped() + s.getNumPacketsDroppedByIf();
        } catch (PcapNativeException | NotOpenException e) {
            LOG.debug("{}: no kernel statistics: {}", options.interfaceName(), e.toString());
        }
    }

    private void finishCapture() {
        try {
            readKernelDrops();
            pipeline.finish();
        } finally {
            closeHandle();
        }
        tickListener.run();
        LOG.info("capture on {} ended: {}", options.interfaceName(), stats.summary());
    }

    /** Asks {@link #run()} to end; returns at once. Safe from any thread, idempotent. */
    public void stop() {
        stopRequested = true;
    }

    /** Waits until {@link #run()} has emitted everything and returned; false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Counters of this capture. Read them on the capture thread (from the tick listener) or after
     * {@link #run()} has returned.
     */
    public CaptureStats stats() {
        return stats;
    }

    /** Packets the kernel or the interface dropped (buffer full), as of the last tick. */
    public long kernelDrops() {
        return kernelDrops;
    }

    /** Releases the interface if {@link #run()} never did; do not call while it runs. */
    @Override
    public void close() {
        stopRequested = true;
        if (!running) {
            closeHandle();
        }
    }

    private synchronized void closeHandle() {
        if (handleOpen) {
            handleOpen = false;
            handle.close();
        }
    }
}

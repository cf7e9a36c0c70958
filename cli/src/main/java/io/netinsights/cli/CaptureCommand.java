package io.netinsights.cli;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.CaptureProgress;
import io.netinsights.capture.PcapItemReader;
import io.netinsights.capture.k8s.KubernetesEnrichment;
import io.netinsights.capture.k8s.PodEventFactory;
import io.netinsights.capture.kafka.KafkaItemPublisher;
import io.netinsights.capture.kafka.KafkaPublisherOptions;
import io.netinsights.capture.live.LiveCapture;
import io.netinsights.capture.live.LiveCaptureOptions;
import io.netinsights.capture.sink.ItemSink;
import io.netinsights.capture.sink.JsonLinesItemSink;
import io.netinsights.schemas.ApiItem;

import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code capture (--pcap FILE | --iface IF) (--out FILE|- | --kafka BOOTSTRAP)}: turns a capture
 * file or live traffic into API items, optionally enriched with pod and service identity, and
 * writes them as JSON lines or publishes them (and pod events) to Kafka as Avro. Progress and the
 * closing summary go to stderr, so that {@code --out -} keeps stdout to items.
 */
@Command(name = "capture", description = "Capture items from a pcap file or a live interface.")
final class CaptureCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Exactly one packet source. */
    static final class Source {
        @Option(names = "--pcap", paramLabel = "FILE", description = "a pcap or pcapng file")
        Path pcap;

        @Option(names = "--iface", paramLabel = "IF", description = "live, as root: lo, eth0, any")
        String iface;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    /** Exactly one output. */
    static final class Output {
        @Option(names = "--out", paramLabel = "FILE|-", description = "JSON lines; - is stdout")
        String out;

        @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Avro to Kafka")
        String kafka;
    }

    @Option(names = "--filter", paramLabel = "BPF", description = "BPF filter of --iface")
    String filter;

    @Option(names = "--duration", paramLabel = "S", description = "stop --iface after S seconds")
    Long durationSeconds;

    @Option(names = "--items-topic", paramLabel = "TOPIC", defaultValue = "items")
    String itemsTopic;

    @Option(names = "--pod-events-topic", paramLabel = "TOPIC", defaultValue = "pod-events")
    String podEventsTopic;

    @Option(names = "--node", paramLabel = "NAME", description = "default: $NODE_NAME, node-1")
    String node;

    @Option(
            names = "--k8s",
            description = "pod/service identity (service account, $KUBECONFIG, ~/.kube/config)")
    boolean k8s;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "implies --k8s")
    Path kubeconfig;

    @Option(names = "--namespace", paramLabel = "NS", description = "watch one namespace only")
    String namespace;

    @Option(names = "--all-pod-events", description = "events of every pod, not this node's only")
    boolean allPodEvents;

    @Option(names = "--progress", paramLabel = "S", defaultValue = "5", description = "0: none")
    long progressSeconds;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread shutdownHook;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PrintWriter err = spec.commandLine().getErr();
        String nodeName =
                node != null ? node : envOr("NODE_NAME", CaptureOptions.DEFAULT_NODE_NAME);
        CaptureOptions capture =
                CaptureOptions.builder().nodeName(nodeName).nodeIp(envOr("NODE_IP", "")).build();
        CaptureProgress progress =
                new CaptureProgress(
                        line -> {
                            err.println(line);
                            err.flush();
                        },
                        Duration.ofSeconds(progressSeconds),
                        System::nanoTime);
        try (ItemSink sink = userErrors(() -> openSink(nodeName));
                KubernetesEnrichment enrichment =
                        userErrors(() -> openEnrichment(nodeName, sink))) {
            UnaryOperator<ApiItem> enrich =
                    enrichment == null ? UnaryOperator.identity() : enrichment.enricher();
            String summary =
                    source.pcap != null
                            ? fromFile(capture, enrich, sink, progress)
                            : live(capture, enrich, sink, progress);
            sink.flush();
            err.println("capture: " + summary + " outputDrops=" + sink.dropped());
        } finally {
            // Ctrl-C waits for this: the output is closed and the summary printed by now.
            if (shutdownHook != null && !removeHook(shutdownHook)) {
                err.println("netinsights: capture stopped by signal");
            }
            finished.countDown();
            err.flush();
        }
        return 0;
    }

    private void checkOptions() {
        if (source.pcap != null && (filter != null || durationSeconds != null)) {
            throw new Errors.UserError("--filter and --duration apply to --iface only");
        }
        if (durationSeconds != null && durationSeconds <= 0) {
            throw new Errors.UserError("--duration must be a positive number of seconds");
        }
        if (source.pcap != null) {
            Inputs.checkReadable(source.pcap, true);
        }
    }

    private ItemSink openSink(String nodeName) throws IOException {
        if (output.kafka != null) {
            return KafkaItemPublisher.open(
                    KafkaPublisherOptions.builder(output.kafka, nodeName)
                            .itemsTopic(itemsTopic)
                            .podEventsTopic(podEventsTopic)
                            .build());
        }
        return "-".equals(output.out)
                ? JsonLinesItemSink.toWriter(spec.commandLine().getOut())
                : JsonLinesItemSink.toFile(Path.of(output.out));
    }

    private KubernetesEnrichment openEnrichment(String nodeName, ItemSink sink) throws IOException {
        if (!k8s && kubeconfig == null) {
            return null;
        }
        KubernetesClient client = KubernetesEnrichment.client(kubeconfig);
        PodEventFactory events =
                new PodEventFactory(
                        client.getKubernetesSerialization(),
                        allPodEvents ? null : nodeName,
                        System::currentTimeMillis);
        return KubernetesEnrichment.start(
                client, namespace, events, sink::podEvent, Duration.ofSeconds(60), true);
    }

    private String fromFile(
            CaptureOptions capture, UnaryOperator<ApiItem> enrich, ItemSink sink, CaptureProgress p)
            throws IOException {
        try (PcapItemReader reader = PcapItemReader.open(source.pcap, capture)) {
            while (reader.hasNext()) {
                sink.item(enrich.apply(reader.next()));
                p.maybeReport(reader.stats(), sink.dropped());
            }
            return reader.stats().summary();
        }
    }

    private String live(
            CaptureOptions capture, UnaryOperator<ApiItem> enrich, ItemSink sink, CaptureProgress p)
            throws Exception {
        LiveCaptureOptions options =
                LiveCaptureOptions.builder(source.iface)
                        .filter(filter)
                        .durationMillis(durationSeconds == null ? 0 : durationSeconds * 1000)
                        .build();
        AtomicReference<LiveCapture> holder = new AtomicReference<>();
        AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
        // The pipeline counts exceptions of its consumer as internal errors and goes on; an
        // output that fails must end the capture instead.
        Consumer<ApiItem> out =
                item -> {
                    try {
                        sink.item(enrich.apply(item));
                    } catch (RuntimeException e) {
                        sinkFailure.compareAndSet(null, e);
                        holder.get().stop();
                    }
                };
        LiveCapture live = userErrors(() -> LiveCapture.open(options, capture, out));
        holder.set(live);
        live.onTick(
                () -> {
                    p.maybeReport(live.stats(), sink.dropped());
                    try {
                        sink.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot flush the output", e);
                    }
                });
        shutdownHook = new Thread(() -> stopAndWait(live, finished), "capture-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        live.run();
        if (sinkFailure.get() != null) {
            throw sinkFailure.get();
        }
        return live.stats().summary() + " kernelDrops=" + live.kernelDrops();
    }

    /** On Ctrl-C: stop capturing and wait while the main thread emits what is pending. */
    private static void stopAndWait(LiveCapture live, CountDownLatch finished) {
        live.stop();
        try {
            finished.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the hook; false when the JVM is shutting down (the hook runs and waits for us). */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Something that opens a resource and may fail for a reason the user can fix. */
    private interface Opener<T> {
        T open() throws IOException;
    }

    /**
     * Opens, reporting failures with our own one-line reason (the CLI otherwise prints the
     * innermost cause, which lacks the context: which interface, which Kafka, which topic).
     */
    private static <T> T userErrors(Opener<T> opener) {
        try {
            return opener.open();
        } catch (IOException | IllegalArgumentException e) {
            throw new Errors.UserError(e.getMessage());
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

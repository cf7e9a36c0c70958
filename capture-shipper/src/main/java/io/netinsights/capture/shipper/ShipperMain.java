package io.netinsights.capture.shipper;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.CaptureProgress;
import io.netinsights.capture.k8s.KubernetesEnrichment;
import io.netinsights.capture.k8s.PodEventFactory;
import io.netinsights.capture.kafka.KafkaItemPublisher;
import io.netinsights.capture.kafka.KafkaPublisherOptions;
import io.netinsights.capture.live.LiveCapture;
import io.netinsights.capture.live.LiveCaptureOptions;
import io.netinsights.schemas.ApiItem;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Entry point of the capture-shipper container image (one per node, see {@code
 * flink-deploy/shipper-daemonset.yaml}): live capture on an interface, optionally enriched with pod
 * and service identity, published to Kafka until the container is stopped. Exit codes: 0 stopped, 1
 * capture or Kafka failure, 2 bad usage.
 */
public final class ShipperMain {
    private ShipperMain() {}

    public static void main(String[] argv) {
        ShipperArgs args;
        try {
            args = ShipperArgs.parse(argv, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("capture-shipper: " + e.getMessage());
            System.err.println(ShipperArgs.USAGE);
            System.exit(2);
            return;
        }
        if (args.help()) {
            System.out.println(ShipperArgs.USAGE);
            return;
        }
        // On SIGTERM (pod deletion) the shutdown hook stops the capture and waits for this latch,
        // so that pending items are published, Kafka is closed and the summary printed before the
        // JVM halts.
        CountDownLatch finished = new CountDownLatch(1);
        boolean failed = false;
        try {
            System.err.println("capture: " + run(args, finished));
        } catch (Exception e) {
            System.err.println("capture-shipper: " + e);
            e.printStackTrace();
            failed = true;
        } finally {
            System.err.flush();
            finished.countDown();
        }
        if (failed) {
            System.exit(1);
        }
    }

    /** Captures until stopped (SIGTERM) and returns the closing summary. */
    static String run(ShipperArgs args, CountDownLatch finished) throws Exception {
        CaptureOptions capture =
                CaptureOptions.builder()
                        .nodeName(args.node())
                        .nodeIp(System.getenv().getOrDefault("NODE_IP", ""))
                        .build();
        CaptureProgress progress =
                new CaptureProgress(
                        System.err::println,
                        Duration.ofSeconds(args.progressSeconds()),
                        System::nanoTime);
        KafkaPublisherOptions kafka =
                KafkaPublisherOptions.builder(args.kafka(), args.node())
                        .itemsTopic(args.itemsTopic())
                        .podEventsTopic(args.podEventsTopic())
                        .build();
        try (KafkaItemPublisher sink = KafkaItemPublisher.open(kafka);
                KubernetesEnrichment enrichment = enrichment(args, sink)) {
            UnaryOperator<ApiItem> enrich =
                    enrichment == null ? UnaryOperator.identity() : enrichment.enricher();
            Consumer<ApiItem> publish = item -> sink.item(enrich.apply(item));
            String summary = live(args, capture, publish, sink, progress, finished);
            sink.flush();
            return summary + " outputDrops=" + sink.dropped();
        }
    }

    private static KubernetesEnrichment enrichment(ShipperArgs args, KafkaItemPublisher sink)
            throws IOException {
        if (!args.k8s()) {
            return null;
        }
        KubernetesClient client = KubernetesEnrichment.client(args.kubeconfig());
        PodEventFactory events =
                new PodEventFactory(
                        client.getKubernetesSerialization(),
                        args.allPodEvents() ? null : args.node(),
                        System::currentTimeMillis);
        return KubernetesEnrichment.start(
                client, args.namespace(), events, sink::podEvent, Duration.ofSeconds(60), true);
    }

    private static String live(
            ShipperArgs args,
            CaptureOptions capture,
            Consumer<ApiItem> publish,
            KafkaItemPublisher sink,
            CaptureProgress progress,
            CountDownLatch finished)
            throws Exception {
        AtomicReference<LiveCapture> holder = new AtomicReference<>();
        AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
        // The pipeline counts exceptions of its consumer as internal errors and goes on; a Kafka
        // output that fails must end the capture instead, so that the pod restarts.
        Consumer<ApiItem> out =
                item -> {
                    try {
                        publish.accept(item);
                    } catch (RuntimeException e) {
                        sinkFailure.compareAndSet(null, e);
                        holder.get().stop();
                    }
                };
        LiveCaptureOptions options =
                LiveCaptureOptions.builder(args.iface()).filter(args.filter()).build();
        try (LiveCapture live = LiveCapture.open(options, capture, out)) {
            holder.set(live);
            live.onTick(
                    () -> {
                        progress.maybeReport(live.stats(), sink.dropped());
                        sink.flush();
                    });
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        live.stop();
                                        awaitQuietly(finished);
                                    },
                                    "shipper-shutdown"));
            live.run();
            if (sinkFailure.get() != null) {
                throw sinkFailure.get();
            }
            return live.stats().summary() + " kernelDrops=" + live.kernelDrops();
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

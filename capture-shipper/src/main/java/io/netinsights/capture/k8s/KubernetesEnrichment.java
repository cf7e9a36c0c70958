package io.netinsights.capture.k8s;

import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Kubernetes enrichment of a shipper: fabric8 informers on Pods, Services and EndpointSlices keep a
 * {@link ClusterIndex} current, and pod watch events become {@link PodEvent} records. {@link
 * #start} returns once the three initial lists are in the index, so the first items are enriched
 * too. Needs list and watch on pods, services and discovery.k8s.io endpointslices.
 */
public final class KubernetesEnrichment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEnrichment.class);

    private final ClusterIndex index = new ClusterIndex();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final List<CompletableFuture<Void>> synced = new ArrayList<>();
    private final AtomicLong handlerErrors = new AtomicLong();
    private final KubernetesClient client;
    private final boolean ownsClient;
    private volatile boolean closing;

    private KubernetesEnrichment(KubernetesClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /**
     * A client from a kubeconfig file, or when {@code kubeconfig} is null from the usual places:
     * the pod's service account in a cluster, else {@code $KUBECONFIG} or {@code ~/.kube/config}.
     */
    public static KubernetesClient client(Path kubeconfig) throws IOException {
        if (kubeconfig == null) {
            return new KubernetesClientBuilder().build();
        }
        if (!Files.isReadable(kubeconfig)) {
            throw new IOException("kubeconfig not readable: " + kubeconfig);
        }
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(kubeconfig.toFile()))
                .build();
    }

    /**
     * Starts the informers and waits for their initial lists.
     *
     * @param namespace the namespace to watch, or null for all
     * @param podEvents receives pod events (on an informer thread), filtered by {@code events}
     * @param ownsClient whether {@link #close()} closes the client too
     * @throws IOException when a resource cannot be listed in time (no connection, no RBAC)
     */
    public static KubernetesEnrichment start(
            KubernetesClient client,
            String namespace,
            PodEventFactory events,
            Consumer<PodEvent> podEvents,
            Duration syncTimeout,
            boolean ownsClient)
            throws IOException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(podEvents, "podEvents");
        KubernetesEnrichment e = new KubernetesEnrichment(client, ownsClient);
        try {
            e.startAll(namespace, events, podEvents, syncTimeout);
        } catch (IOException | RuntimeException failure) {
            e.closeQuietly(failure);
            throw failure;
        }
        LOG.info("Kubernetes enrichment ready: {}", e.index.sizes());
        return e;
    }

    private void startAll(
            String namespace,
            PodEventFactory events,
            Consumer<PodEvent> podEvents,
            Duration syncTimeout)
            throws IOException {
        ClusterIndex ix = index;
        inform(
                "pods",
                scope(client.pods(), namespace),
                new Handler<>(
                        "pods",
                        (Pod p, PodEventType t) -> {
                            if (t == PodEventType.DELETED) {
                                ix.removePod(p);
                            } else {
                                ix.putPod(p);
                            }
                            if (events.accepts(p)) {
                                podEvents.accept(events.event(t, p));
                            }
                        }));
        inform(
                "services",
                scope(client.services(), namespace),
                new Handler<>(
                        "services",
                        (Service s, PodEventType t) -> {
                            if (t == PodEventType.DELETED) {
                                ix.removeService(s);
                            } else {
                                ix.putService(s);
                            }
                        }));
        inform(
                "endpointslices",
                scope(client.discovery().v1().endpointSlices(), namespace),
                new Handler<>(
                        "endpointslices",
                        (EndpointSlice s, PodEventType t) -> {
                            if (t == PodEventType.DELETED) {
                                ix.removeEndpointSlice(s);
                            } else {
                                ix.putEndpointSlice(s);
                            }
                        }));
        for (int i = 0; i < informers.size(); i++) {
            awaitSynced(informers.get(i), synced.get(i), syncTimeout);
        }
    }

    private static <T extends HasMetadata> Informable<T> scope(
            MixedOperation<T, ?, ?> op, String namespace) {
        return namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace);
    }

    private <T> void inform(String what, Informable<T> source, ResourceEventHandler<T> handler) {
        SharedIndexInformer<T> informer = source.runnableInformer(0);
        informer.addEventHandler(handler);
        informers.add(informer);
        synced.add(informer.start().toCompletableFuture());
        informer.stopped()
                .whenComplete(
                        (v, t) -> {
                            // Informers retry on their own; one that gives up leaves the index
                            // stale, which must not go unnoticed.
                            if (!closing) {
                                LOG.error(
                                        "informer on {} stopped ({}); identities of {} are no"
                                                + " longer updated",
                                        what,
                                        t == null ? "no error" : t.toString(),
                                        what);
                            }
                        });
        LOG.debug("informer on {} started", what);
    }

    private static void awaitSynced(
            SharedIndexInformer<?> informer, CompletableFuture<Void> started, Duration timeout)
            throws IOException {
        String what = informer.getApiTypeClass().getSimpleName();
        try {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("cannot list and watch " + what + ": " + cause.getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(
                    "no initial list of " + what + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing " + what, e);
        }
    }

    /** The index the informers keep. */
    public ClusterIndex index() {
        return index;
    }

    /** An enricher reading this index. */
    public ItemEnricher enricher() {
        return new ItemEnricher(index);
    }

    /** Events whose handling threw (logged; the informers go on). */
    public long handlerErrors() {
        return handlerErrors.get();
    }

    @Override
    public void close() {
        closeQuietly(null);
    }

    private void closeQuietly(Exception primary) {
        closing = true;
        for (SharedIndexInformer<?> informer : informers) {
            try {
                informer.close();
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    LOG.warn("stopping an informer failed: {}", e.toString());
                }
            }
        }
        informers.clear();
        if (ownsClient) {
            client.close();
        }
    }

    /**
     * Routes informer callbacks to one function (the watch event type names the change for every
     * resource); a failing callback is logged and counted.
     */
    private final class Handler<T> implements ResourceEventHandler<T> {
        private final String what;
        private final BiConsumer<T, PodEventType> onEvent;

        Handler(String what, BiConsumer<T, PodEventType> onEvent) {
            this.what = what;
            this.onEvent = onEvent;
        }

        @Override
        public void onAdd(T obj) {
            handle(obj, PodEventType.ADDED);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            handle(newObj, PodEventType.MODIFIED);
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            handle(obj, PodEventType.DELETED);
        }

        private void handle(T obj, PodEventType type) {
            try {
                onEvent.accept(obj, type);
            } catch (RuntimeException e) {
                long n = handlerErrors.incrementAndGet();
                if (n == 1) {
                    LOG.warn("handling a {} event of {} failed: {}", type, what, e.toString(), e);
                } else {
                    LOG.debug("handling a {} event of {} failed: {}", type, what, e.toString());
                }
            }
        }
    }
}

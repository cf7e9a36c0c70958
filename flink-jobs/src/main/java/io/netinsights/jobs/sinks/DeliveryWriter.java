package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Base writer of the vendor sinks. Subclasses deliver a batch and say, per entry, whether it was
 * delivered, should be retried or is refused for good; this class retries with exponential backoff
 * (the batch stays in flight meanwhile, so the bounded in-flight count gives backpressure), and
 * turns refused entries and entries out of attempts into dead letters written to the configured
 * dead-letter sink, which is flushed with every checkpoint.
 */
public abstract class DeliveryWriter extends AsyncSinkWriter<SinkRequest, DeliveryEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWriter.class);

    protected final SinkKind kind;
    protected final SinkOptions options;
    protected final MetricGroup metrics;
    private final long maxRecordBytes;
    private final MailboxExecutor mailbox;
    private final SinkWriter<DeadLetter> deadLetters;
    private final ScheduledExecutorService backoffTimer;
    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;

    protected DeliveryWriter(
            DeliverySink sink,
            WriterInitContext context,
            Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        super(sink.converter(), context, sink.writerConfiguration(), state);
        this.kind = sink.kind();
        this.options = sink.options();
        this.metrics = context.metricGroup();
        this.maxRecordBytes = sink.maxRecordSizeInBytes();
        this.mailbox = context.getMailboxExecutor();
        this.deadLetters = options.deadLetterSink().createWriter(context);
        String thread =
                "sink-"
                        + kind.name().toLowerCase(Locale.ROOT)
                        + "-backoff-"
                        + context.getTaskInfo().getIndexOfThisSubtask();
        this.backoffTimer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, thread);
                            t.setDaemon(true);
                            return t;
                        });
        this.delivered = metrics.counter("deliveredRequests", new ThreadSafeSimpleCounter());
        this.retried = metrics.counter("retriedRequests", new ThreadSafeSimpleCounter());
        this.deadLettered = metrics.counter("deadLetters", new ThreadSafeSimpleCounter());
    }

    /**
     * Starts one attempt for every entry of {@code batch}; completes with one outcome per entry, in
     * order. A failed future means every entry of the batch is retried.
     */
    protected abstract CompletableFuture<List<Outcome>> deliver(List<DeliveryEntry> batch);

    /** Releases the writer's clients; called once from {@link #close()}. */
    protected abstract void closeClients() throws Exception;

    @Override
    public void write(SinkRequest request, Context context)
            throws IOException, InterruptedException {
        DeliveryEntry entry = new DeliveryEntry(request, 0);
        if (entry.sizeInBytes() > maxRecordBytes) {
            // The base writer would fail the job on an oversized record.
            deadLetter(
                    entry,
                    String.format(
                            Locale.ROOT,
                            "record of %d bytes exceeds the %s sink's limit of %d bytes",
                            entry.sizeInBytes(),
                            kind,
                            maxRecordBytes));
            return;
        }
        super.write(request, context);
    }

    @Override
    protected void submitRequestEntries(
            List<DeliveryEntry> batch, ResultHandler<DeliveryEntry> result) {
        CompletableFuture<List<Outcome>> attempt;
        try {
            attempt = deliver(batch);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete(
                (outcomes, error) -> {
                    try {
                        // Settle on the task thread: dead letters are written there, before the
                        // batch counts as complete, so a checkpoint never misses one.
                        mailbox.execute(
                                () -> settle(batch, outcomes, error, result),
                                "settle a %s batch",
                                kind);
                    } catch (RejectedExecutionException e) {
                        LOG.debug("{} sink closed with a batch in flight; state replays it", kind);
                    }
                });
    }

    private void settle(
            List<DeliveryEntry> batch,
            List<Outcome> outcomes,
            Throwable error,
            ResultHandler<DeliveryEntry> result)
            throws IOException, InterruptedException {
        if (error == null && outcomes.size() != batch.size()) {
            throw new IllegalStateException(
                    kind
                            + " sink returned "
                            + outcomes.size()
                            + " outcomes for "
                            + batch.size()
                            + " entries");
        }
        List<DeliveryEntry> again = new ArrayList<>();
        int mostFailures = 0;
        String firstReason = null;
        for (int i = 0; i < batch.size(); i++) {
            DeliveryEntry next = batch.get(i).failedOnce();
            Outcome o = error != null ? Outcome.retry(Failures.describe(error)) : outcomes.get(i);
            switch (o.status()) {
                case DELIVERED -> delivered.inc();
                case DEAD -> deadLetter(next, o.reason());
                case RETRY -> {
                    if (next.failedAttempts() >= options.maxAttempts()) {
                        deadLetter(
                                next,
                                "gave up after "
                                        + next.failedAttempts()
                                        + " attempt(s): "
                                        + o.reason());
                    } else {
                        again.add(next);
                        mostFailures = Math.max(mostFailures, next.failedAttempts());
                        firstReason = firstReason == null ? o.reason() : firstReason;
                    }
                }
            }
        }
        if (again.isEmpty()) {
            result.complete();
            return;
        }
        retried.inc(again.size());
        long delay = jittered(options.backoffMillis(mostFailures));
        LOG.warn(
                "{} of {} {} request(s) failed (attempt {}), retrying in {} ms: {}",
                again.size(),
                batch.size(),
                kind,
                mostFailures,
                delay,
                firstReason);
        backoffTimer.schedule(() -> result.retryForEntries(again), delay, TimeUnit.MILLISECONDS);
    }

    /** Writes a dead letter; on the task thread only. */
    protected final void deadLetter(DeliveryEntry entry, String reason)
            throws IOException, InterruptedException {
        deadLettered.inc();
        LOG.warn(
                "Dead letter ({}, {} attempt(s)): {}",
                SinkRequests.describe(entry.request()),
                entry.failedAttempts(),
                reason);
        deadLetters.write(
                DeadLetters.of(
                        entry.request(),
                        reason,
                        entry.failedAttempts(),
                        System.currentTimeMillis()),
                NO_CONTEXT);
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        super.flush(endOfInput);
        try {
            deadLetters.flush(endOfInput);
            if (deadLetters instanceof CommittingSinkWriter<?, ?> committing
                    && !committing.prepareCommit().isEmpty()) {
                throw new IllegalStateException(
                        "the dead-letter sink hands out committables that nothing commits: use an"
                                + " at-least-once sink (see SinkOptions.deadLetterSink)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot flush the dead letters of the " + kind + " sink", e);
        }
    }

    @Override
    protected long getSizeInBytes(DeliveryEntry entry) {
        return entry.sizeInBytes();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            super.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        backoffTimer.shutdownNow();
        for (AutoCloseable c : List.<AutoCloseable>of(this::closeClients, deadLetters)) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot close the " + kind + " sink", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static long jittered(long millis) {
        // +-20 % so that the subtasks of a sink do not retry in lockstep after an outage.
        return (long) (millis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }

    private static final SinkWriter.Context NO_CONTEXT =
            new SinkWriter.Context() {
                @Override
                public long currentWatermark() {
                    return Long.MIN_VALUE;
                }

                @Override
                public Long timestamp() {
                    return null;
                }
            };
}

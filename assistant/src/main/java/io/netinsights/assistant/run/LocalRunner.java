package io.netinsights.assistant.run;

import io.netinsights.js.Emitter;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptInstance;
import io.netinsights.js.ScriptLoadException;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.SinkRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs a script over a list of items without Flink, the way the script job does on a replay: one
 * worker instance per node key, one hub instance named {@code "hub"} that receives every {@code
 * hub.action}, jobs fired in event time at their cron times as item timestamps advance, and at the
 * end of input every pending job fired once more (workers first, then the hub, as the final
 * watermark reaches them). Pod events from a pod list are delivered as {@code ADDED} to the hub and
 * to each worker when it starts. The whole run has a wall-clock budget.
 *
 * <p>Items are taken in timestamp order (stable), as the job's event-time buffer orders them; at
 * one instant a worker's items come before its jobs, and the hub's actions (sorted by sending
 * worker) before its own jobs, as in {@code ScriptOperator}.
 */
public final class LocalRunner {
    /** The hub's instance name and {@code utils.nodeName()}. */
    public static final String HUB = "hub";

    /** Event-time jumps longer than this skip the missed job periods, as the job does. */
    static final long MAX_CATCH_UP_MILLIS = 24L * 3600 * 1000;

    /** The worker key of an item: its node name, else its worker, else "node" (as the job). */
    public static final Function<ApiItem, String> BY_NODE =
            item -> {
                String n = item.getNode().getName();
                return n.isEmpty() ? (item.getWorker().isEmpty() ? "node" : item.getWorker()) : n;
            };

    private final ScriptConfig config;
    private final Duration wallBudget;
    private final Function<ApiItem, String> keyOf;

    public LocalRunner(ScriptConfig config, Duration wallBudget) {
        this(config, wallBudget, BY_NODE);
    }

    public LocalRunner(ScriptConfig config, Duration wallBudget, Function<ApiItem, String> keyOf) {
        this.config = Objects.requireNonNull(config, "config");
        this.wallBudget = Objects.requireNonNull(wallBudget, "wallBudget");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    /**
     * Runs {@code script} over {@code items}; {@code podsJson} are Pod objects as JSON, delivered
     * as ADDED events.
     */
    public RunResult run(ScriptSource script, List<ApiItem> items, List<String> podsJson) {
        long started = System.nanoTime();
        Run run = new Run(script, podsJson, started + wallBudget.toNanos());
        try {
            run.all(sorted(items));
        } finally {
            run.close();
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        return new RunResult(
                run.sink.console,
                run.sink.failures,
                run.sink.sinks,
                run.loadError,
                run.timedOut,
                run.itemsProcessed,
                run.hubActions,
                wall);
    }

    private static List<ApiItem> sorted(List<ApiItem> items) {
        List<ApiItem> out = new ArrayList<>(items);
        out.sort(Comparator.comparingLong(ApiItem::getTimestamp));
        return out;
    }

    /** One run's instances, queued hub actions and outputs. */
    private final class Run {
        final ScriptSource script;
        final List<String> pods;
        final long deadline;
        final Collector sink = new Collector();
        final TreeMap<String, ScriptInstance> workers = new TreeMap<>();
        final PriorityQueue<HubAction> toHub =
                new PriorityQueue<>(
                        Comparator.comparingLong(HubAction::getTimestamp)
                                .thenComparing(HubAction::getSource));
        ScriptInstance hub;
        String loadError;
        boolean failedToLoad;
        boolean timedOut;
        int itemsProcessed;
        int hubActions;

        Run(ScriptSource script, List<String> pods, long deadline) {
            this.script = script;
            this.pods = pods;
            this.deadline = deadline;
        }

        void all(List<ApiItem> items) {
            // Before the final watermark, event time reaches the last item: jobs fire normally
            // up to it; what comes after is the end-of-input round.
            long lastItem =
                    items.isEmpty() ? Long.MIN_VALUE : items.get(items.size() - 1).getTimestamp();
            int i = 0;
            while (!failedToLoad && !overBudget()) {
                long nextItem = i < items.size() ? items.get(i).getTimestamp() : Long.MAX_VALUE;
                long t = Math.min(nextItem, nextJob());
                if (t > lastItem) {
                    break;
                }
                while (i < items.size() && items.get(i).getTimestamp() == t) {
                    item(items.get(i++), t);
                    if (failedToLoad) {
                        return;
                    }
                }
                long resume =
                        nextItem != Long.MAX_VALUE && nextItem - t > MAX_CATCH_UP_MILLIS
                                ? nextItem - 1
                                : t;
                for (ScriptInstance w : workers.values()) {
                    w.fireJobs(t, false, resume);
                }
                hubUpTo(t, resume);
            }
            if (!failedToLoad && !overBudget()) {
                endOfInput();
            }
        }

        private void item(ApiItem item, long t) {
            ScriptInstance w = worker(keyOf.apply(item), t);
            if (w != null) {
                w.onItemCaptured(item, t);
                itemsProcessed++;
            }
        }

        /** Earliest pending job of any instance, or MAX_VALUE. */
        private long nextJob() {
            long t = Long.MAX_VALUE;
            for (ScriptInstance w : workers.values()) {
                t = Math.min(t, next(w));
            }
            return Math.min(t, hub == null ? Long.MAX_VALUE : next(hub));
        }

        private long next(ScriptInstance inst) {
            if (!inst.scheduler().isRunning() || inst.scheduler().fireTimes().isEmpty()) {
                return Long.MAX_VALUE;
            }
            return inst.scheduler().fireTimes().first();
        }

        /** Delivers the hub's queued actions up to {@code t}, then fires its jobs due at t. */
        private void hubUpTo(long t, long resume) {
            if (hub == null) {
                return;
            }
            while (!toHub.isEmpty() && toHub.peek().getTimestamp() <= t) {
                HubAction a = toHub.poll();
                hub.onHubAction(a.getAction(), a.getObject(), a.getTimestamp());
                hubActions++;
            }
            hub.fireJobs(t, false, resume);
        }

        /**
         * The final watermark: each worker's pending jobs fire once more in time order; then the
         * hub catches up with the actions they sent, and its pending jobs fire once more.
         */
        private void endOfInput() {
            long t;
            while (!overBudget() && (t = minNext(workers.values())) != Long.MAX_VALUE) {
                for (ScriptInstance w : workers.values()) {
                    w.fireJobs(t, true);
                }
            }
            if (hub == null) {
                return;
            }
            long lastAction = Long.MIN_VALUE;
            for (HubAction a : toHub) {
                lastAction = Math.max(lastAction, a.getTimestamp());
            }
            while (!overBudget() && !toHub.isEmpty()) {
                long at = Math.min(toHub.peek().getTimestamp(), next(hub));
                if (at > lastAction) {
                    break;
                }
                hubUpTo(at, at);
            }
            while (!overBudget() && (t = next(hub)) != Long.MAX_VALUE) {
                hub.fireJobs(t, true);
            }
        }

        private long minNext(Iterable<ScriptInstance> instances) {
            long t = Long.MAX_VALUE;
            for (ScriptInstance i : instances) {
                t = Math.min(t, next(i));
            }
            return t;
        }

        private ScriptInstance worker(String key, long t) {
            ScriptInstance w = workers.get(key);
            if (w != null) {
                return w;
            }
            w = start(key, t);
            if (w == null) {
                return null;
            }
            workers.put(key, w);
            if (hub == null) {
                hub = start(HUB, t);
            }
            return w;
        }

        private ScriptInstance start(String name, long t) {
            try {
                ScriptInstance inst = ScriptInstance.start(script, name, config, emitterFor(), t);
                for (String pod : pods) {
                    inst.onPodEvent("ADDED", pod, t);
                }
                return inst;
            } catch (ScriptLoadException e) {
                loadError = e.getMessage();
                failedToLoad = true;
                return null;
            }
        }

        private Emitter emitterFor() {
            return new Emitter() {
                @Override
                public void console(ConsoleLine line) {
                    sink.console.add(line);
                }

                @Override
                public void hubAction(HubAction action) {
                    toHub.add(action);
                }

                @Override
                public void sinkRequest(SinkRequest request) {
                    sink.sinks.add(request);
                }

                @Override
                public void failure(ConsoleLine line) {
                    sink.console.add(line);
                    sink.failures.add(line);
                }
            };
        }

        private boolean overBudget() {
            if (!timedOut && System.nanoTime() > deadline) {
                timedOut = true;
            }
            return timedOut;
        }

        void close() {
            RuntimeException first = null;
            List<ScriptInstance> all = new ArrayList<>(workers.values());
            if (hub != null) {
                all.add(hub);
            }
            for (ScriptInstance inst : all) {
                try {
                    inst.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw new IllegalStateException("cannot close script instances", first);
            }
        }
    }

    /** The run's outputs. */
    private static final class Collector {
        final List<ConsoleLine> console = new ArrayList<>();
        final List<ConsoleLine> failures = new ArrayList<>();
        final List<SinkRequest> sinks = new ArrayList<>();
    }

    /** Items of a run keyed by worker, for callers that want to see the split. */
    public Map<String, List<ApiItem>> split(List<ApiItem> items) {
        Map<String, List<ApiItem>> out = new TreeMap<>();
        for (ApiItem item : items) {
            out.computeIfAbsent(keyOf.apply(item), k -> new ArrayList<>()).add(item);
        }
        return out;
    }
}

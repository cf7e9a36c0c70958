package io.netinsights.jobs.functions;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.js.Emitter;
import io.netinsights.js.ScriptInstance;
import io.netinsights.js.ScriptLoadException;
import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one script instance per key and turns its side effects into records: console lines on the
 * main output, hub actions, sink requests and failures on side outputs. Jobs are timers (event or
 * processing time). On checkpoint the data globals of every instance that ran since the last one
 * are written to keyed state; after a restore an instance re-runs its top level and reloads them.
 *
 * <p>This is an operator rather than a {@code KeyedProcessFunction} because a function cannot write
 * keyed state for all its keys at snapshot time, and serialising the globals after every item would
 * cost more than the hook call itself.
 */
public abstract class ScriptOperator<IN> extends AbstractStreamOperator<ConsoleLine>
        implements TwoInputStreamOperator<IN, PodEvent, ConsoleLine>,
                Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<HubAction> HUB_ACTIONS =
            new OutputTag<>("hub-actions", new AvroTypeInfo<>(HubAction.class));
    public static final OutputTag<SinkRequest> SINK_REQUESTS =
            new OutputTag<>("sink-requests", new AvroTypeInfo<>(SinkRequest.class));
    public static final OutputTag<ConsoleLine> FAILURES =
            new OutputTag<>("script-failures", new AvroTypeInfo<>(ConsoleLine.class));

    /** Event-time jumps longer than this are skipped instead of running every missed period. */
    static final long MAX_CATCH_UP_MILLIS = 24L * 3600 * 1000;

    protected final ScriptJobOptions options;
    private final TypeInformation<IN> inputType;

    private transient Map<String, ScriptInstance> instances;
    private transient MapState<Long, List<IN>> pending;
    private transient Map<String, Long> syncedVersion;
    private transient Set<String> dirty;
    private transient Set<String> failedToLoad;
    private transient ValueState<String> scriptState;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient RecordEmitter emitter;
    private transient Counter failures;
    private transient Counter loadFailures;

    protected ScriptOperator(ScriptJobOptions options, TypeInformation<IN> inputType) {
        this.options = options;
        this.inputType = inputType;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        scriptState =
                context.getKeyedStateStore()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "script-state", StringSerializer.INSTANCE));
        pending = context.getKeyedStateStore().getMapState(pendingDescriptor());
    }

    @Override
    public void open() throws Exception {
        super.open();
        instances = new HashMap<>();
        syncedVersion = new HashMap<>();
        dirty = new HashSet<>();
        failedToLoad = new HashSet<>();
        timers = getInternalTimerService("script-jobs", VoidNamespaceSerializer.INSTANCE, this);
        failures = getMetricGroup().counter("scriptFailures");
        loadFailures = getMetricGroup().counter("scriptLoadFailures");
        emitter = new RecordEmitter();
    }

    /** The script instance of the current key, started (and restored) on first use. */
    protected final ScriptInstance instance(long time) {
        String key = (String) getCurrentKey();
        ScriptInstance inst = instances.get(key);
        if (inst != null || failedToLoad.contains(key)) {
            return inst;
        }
        emitter.time = time;
        try {
            inst =
                    ScriptInstance.start(
                            options.script(), key, options.scriptConfig(), emitter, time);
            String saved = scriptState.value();
            if (saved != null) {
                inst.restore(saved);
            } else {
                started(key, time);
            }
        } catch (ScriptLoadException e) {
            loadFailures.inc();
            failedToLoad.add(key);
            emitter.failure(
                    new ConsoleLine(
                            options.script().fileName(),
                            key,
                            ConsoleLevel.SYSTEM,
                            "script failed to start: " + e.getMessage(),
                            time,
                            "load",
                            null));
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot restore script state of " + key, e);
        }
        instances.put(key, inst);
        return inst;
    }

    /**
     * Hands a record to the script in event-time order. In event time a record waits in keyed state
     * until the watermark passes its timestamp, so every job at time T sees exactly the records up
     * to T, whatever the arrival order: a replay prints the same reports every time. Late records
     * (behind the watermark) and processing-time records go through at once.
     */
    protected final void enqueue(IN value, long eventTime) throws Exception {
        if (options.timeMode() == ScriptJobOptions.TimeMode.PROCESSING
                || eventTime <= timers.currentWatermark()) {
            process(value, timeOf(eventTime));
            return;
        }
        List<IN> waiting = pending.get(eventTime);
        if (waiting == null) {
            waiting = new ArrayList<>(1);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, eventTime);
        }
        waiting.add(value);
        pending.put(eventTime, waiting);
    }

    private MapStateDescriptor<Long, List<IN>> pendingDescriptor() {
        return new MapStateDescriptor<>("pending-input", Types.LONG, new ListTypeInfo<>(inputType));
    }

    /**
     * At the end of a replay, first let event time reach the last waiting record, so jobs run on
     * their schedule over every record; then the final watermark fires each pending job once. On
     * the clock, the end of a bounded input runs every job of every instance once, now.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE
                && options.timeMode() == ScriptJobOptions.TimeMode.PROCESSING) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            for (String key : new ArrayList<>(instances.keySet())) {
                setCurrentKey(key);
                ScriptInstance inst = instances.get(key);
                if (inst != null && !inst.isQuarantined()) {
                    emitter.time = now;
                    inst.fireAllJobsOnce(now);
                    dirty.add(key);
                }
            }
        }
        if (mark.getTimestamp() == Long.MAX_VALUE
                && options.timeMode() == ScriptJobOptions.TimeMode.EVENT) {
            long[] last = {Long.MIN_VALUE};
            getKeyedStateBackend()
                    .applyToAllKeys(
                            VoidNamespace.INSTANCE,
                            VoidNamespaceSerializer.INSTANCE,
                            pendingDescriptor(),
                            (key, state) -> {
                                for (Long t : state.keys()) {
                                    last[0] = Math.max(last[0], t);
                                }
                            });
            if (last[0] > timers.currentWatermark()) {
                super.processWatermark(new Watermark(last[0]));
            }
        }
        super.processWatermark(mark);
    }

    /**
     * Pod events are broadcast: every instance of this subtask gets {@code onPodEvent} when the
     * event arrives. An instance that starts later does not see earlier events.
     */
    @Override
    public void processElement2(StreamRecord<PodEvent> record) throws Exception {
        PodEvent event = record.getValue();
        long time = timeOf(event.getTimestamp());
        for (String key : podEventKeys()) {
            setCurrentKey(key);
            ScriptInstance inst = instance(time);
            if (inst != null) {
                setEmitTime(time);
                inst.onPodEvent(event.getEvent().name(), event.getPod(), time);
                afterCall(inst);
            }
        }
    }

    /** The keys whose instances receive pod events: the live ones (the hub overrides). */
    protected java.util.Collection<String> podEventKeys() {
        return new ArrayList<>(instances.keySet());
    }

    /** Calls the script with one record at {@code time}. */
    protected abstract void process(IN value, long time) throws Exception;

    /** Orders records that share a timestamp before they reach the script (default: arrival). */
    protected void sortSameTime(List<IN> records) {}

    /** Called when an instance starts for the first time (not on a restore). */
    protected void started(String key, long time) {}

    /** Sends a record to the hub-actions side output at {@code time}. */
    protected final void toHub(HubAction action, long time) {
        output.collect(HUB_ACTIONS, new StreamRecord<>(action, time));
    }

    /** Current time in the job's time mode, for a record whose event time is given. */
    protected final long timeOf(long eventTime) {
        if (options.timeMode() == ScriptJobOptions.TimeMode.PROCESSING) {
            return getProcessingTimeService().getCurrentProcessingTime();
        }
        return eventTime;
    }

    /** Marks the current key's instance as changed and registers timers for its jobs. */
    protected final void afterCall(ScriptInstance inst) {
        String key = inst.name();
        dirty.add(key);
        long version = inst.scheduler().version();
        Long synced = syncedVersion.get(key);
        if (synced != null && synced == version) {
            return;
        }
        syncedVersion.put(key, version);
        boolean endOfInput = timers.currentWatermark() == Long.MAX_VALUE;
        for (long t : inst.scheduler().fireTimes()) {
            if (options.timeMode() == ScriptJobOptions.TimeMode.EVENT) {
                // Past the end of input every job has fired once; do not schedule more.
                if (!endOfInput) {
                    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, t);
                }
            } else {
                timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, t);
            }
        }
    }

    protected final void setEmitTime(long time) {
        emitter.time = time;
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        List<IN> due = pending.get(time);
        if (due != null) {
            pending.remove(time);
            sortSameTime(due);
            for (IN value : due) {
                process(value, time);
            }
        }
        fire(time);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        fire(timer.getTimestamp());
    }

    private void fire(long time) {
        ScriptInstance inst = instance(time);
        if (inst == null) {
            return;
        }
        emitter.time = time;
        boolean endOfInput =
                options.timeMode() == ScriptJobOptions.TimeMode.EVENT
                        && timers.currentWatermark() == Long.MAX_VALUE;
        // Every missed period runs, so reports do not depend on how far apart watermarks come;
        // only a jump of event time by more than a day (a capture with a long gap) is skipped.
        long watermark = timers.currentWatermark();
        long resumeAfter =
                options.timeMode() == ScriptJobOptions.TimeMode.EVENT
                                && !endOfInput
                                && watermark - time > MAX_CATCH_UP_MILLIS
                        ? watermark
                        : time;
        inst.fireJobs(time, endOfInput, resumeAfter);
        afterCall(inst);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        for (String key : dirty) {
            ScriptInstance inst = instances.get(key);
            if (inst != null) {
                setCurrentKey(key);
                scriptState.update(inst.snapshot());
            }
        }
        dirty.clear();
        super.snapshotState(context);
    }

    @Override
    public void close() throws Exception {
        try {
            if (instances != null) {
                for (ScriptInstance inst : instances.values()) {
                    inst.close();
                }
                instances.clear();
            }
        } finally {
            super.close();
        }
    }

    /** Number of live script instances in this subtask (for tests and metrics). */
    public final int instanceCount() {
        return instances == null ? 0 : instances.size();
    }

    /** Routes the runtime's records to the outputs with the current event time. */
    private final class RecordEmitter implements Emitter {
        long time;

        @Override
        public void console(ConsoleLine line) {
            output.collect(new StreamRecord<>(line, time));
        }

        @Override
        public void hubAction(HubAction action) {
            output.collect(HUB_ACTIONS, new StreamRecord<>(action, time));
        }

        @Override
        public void sinkRequest(SinkRequest request) {
            output.collect(SINK_REQUESTS, new StreamRecord<>(request, time));
        }

        @Override
        public void failure(ConsoleLine line) {
            failures.inc();
            output.collect(new StreamRecord<>(line, time));
            output.collect(FAILURES, new StreamRecord<>(line, time));
        }
    }
}

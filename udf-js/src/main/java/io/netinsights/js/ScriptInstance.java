package io.netinsights.js;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;
import io.netinsights.schemas.json.ItemJson;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One running copy of a script: a worker (key = node) or the hub. It owns a GraalJS context on the
 * shared engine, calls the script's hooks and jobs within a time budget, turns helper calls into
 * records for its {@link Emitter}, snapshots its data globals, and quarantines itself after
 * repeated failures. Not thread-safe: one thread (one Flink subtask) drives it.
 */
public final class ScriptInstance implements AutoCloseable {
    private final ScriptSource source;
    private final String name;
    private final ScriptConfig config;
    private final Emitter emitter;
    private final Context context;
    private final Watchdog.Slot slot;
    private final Value internal;
    private final Set<String> builtinGlobals;
    private final JobScheduler scheduler = new JobScheduler();
    private final VirtualFiles files;
    private final ScriptStats stats = new ScriptStats();
    private final Hooks hooks;

    private long now;
    private String currentHook = "load";
    private String currentItem;
    private long sinkSeq;
    private int consecutiveFailures;
    private boolean quarantined;
    private PolicyHelper policyHelper;

    private ScriptInstance(
            ScriptSource source, String name, ScriptConfig config, Emitter emitter, long now)
            throws ScriptLoadException {
        this.source = source;
        this.name = name;
        this.config = config;
        this.emitter = emitter;
        this.now = now;
        this.files = new VirtualFiles(config.maxFileBytes());
        this.context = Sandbox.newContext();
        this.slot = Watchdog.register(context);
        try {
            Value global = context.eval(Sandbox.GLOBAL_SOURCE);
            this.internal = context.eval(Sandbox.PRELUDE).execute(new HostFacade(this), global);
            this.builtinGlobals =
                    new HashSet<>(internal.getMember("globalNames").execute().as(List.class));
            runTopLevel();
            this.hooks = new Hooks(context.getBindings("js"));
        } catch (ScriptLoadException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts an instance: builds its context, installs the helpers and runs the script's top level
     * at time {@code now} (jobs scheduled there count from it).
     *
     * @throws ScriptLoadException on a syntax error (with file:line:column) or a throwing top level
     */
    public static ScriptInstance start(
            ScriptSource source, String name, ScriptConfig config, Emitter emitter, long now)
            throws ScriptLoadException {
        return new ScriptInstance(source, name, config, emitter, now);
    }

    private void runTopLevel() throws ScriptLoadException {
        Source src = Sandbox.userSource(source);
        slot.deadline = System.nanoTime() + config.budgetMillis() * 1_000_000L;
        try {
            context.eval(src);
        } catch (PolyglotException e) {
            String where = Sandbox.location(e, source.fileName());
            String what = e.isSyntaxError() ? "" : "top level threw: ";
            if (e.isInterrupted() || slot.interrupted) {
                what = "top level ran over its " + config.budgetMillis() + " ms budget: ";
            }
            throw new ScriptLoadException(where + ": " + what + e.getMessage(), e);
        } finally {
            slot.deadline = 0;
            slot.interrupted = false;
        }
    }

    public String name() {
        return name;
    }

    public ScriptSource source() {
        return source;
    }

    public ScriptStats stats() {
        return stats;
    }

    public boolean isQuarantined() {
        return quarantined;
    }

    public JobScheduler scheduler() {
        return scheduler;
    }

    /** Whether the script defines the hook (the caller can skip building arguments if not). */
    public boolean hasHook(String hook) {
        return hooks.has(hook);
    }

    long now() {
        return now;
    }

    VirtualFiles files() {
        return files;
    }

    // ---- hooks ------------------------------------------------------------------------------

    /**
     * Calls onItemCaptured(data) with the item as a plain-looking JS object; its request and
     * response are parsed on first read, so a hook that never reads them never pays for that.
     */
    public void onItemCaptured(ApiItem item, long time) {
        if (hooks.onItemCaptured != null) {
            onItemCaptured(JsMap.ofItem(item), item.getId(), time);
        }
    }

    /** Calls onItemCaptured(data) with an item already in map form. */
    public void onItemCaptured(JsMap item, String itemId, long time) {
        if (hooks.onItemCaptured != null) {
            call("onItemCaptured", itemId, time, hooks.onItemCaptured, item);
        }
    }

    public void onPacketCaptured(Map<String, Object> info, long time) {
        if (hooks.onPacketCaptured != null) {
            call("onPacketCaptured", null, time, hooks.onPacketCaptured, new JsMap(info));
        }
    }

    /**
     * Calls onItemQueried(data); returns the item it returns, or the input when it returns none.
     */
    @SuppressWarnings("unchecked")
    public ApiItem onItemQueried(ApiItem item, long time) {
        if (hooks.onItemQueried == null) {
            return item;
        }
        Value[] result = new Value[1];
        JsMap data = new JsMap(ItemJson.toMap(item));
        boolean ok = call("onItemQueried", item.getId(), time, hooks.onItemQueried, data, result);
        if (!ok || result[0] == null || result[0].isNull()) {
            return item;
        }
        Object back = JsValues.toJava(result[0]);
        if (!(back instanceof Map)) {
            return item;
        }
        return ItemJson.fromMap((Map<String, Object>) back);
    }

    public void onHubAction(String action, String objectJson, long time) {
        if (hooks.onHubAction != null) {
            Value object = internal.getMember("parse").execute(objectJson);
            call("onHubAction", null, time, hooks.onHubAction, action, object);
        }
    }

    public void onPodEvent(String event, String podJson, long time) {
        if (hooks.onPodEvent != null) {
            Value pod = internal.getMember("parse").execute(podJson);
            call("onPodEvent", null, time, hooks.onPodEvent, event, pod);
        }
    }

    // ---- jobs -------------------------------------------------------------------------------

    /** Runs every job due at {@code time} (when the scheduler is running) and books the runs. */
    public void fireJobs(long time) {
        fireJobs(time, false);
    }

    /**
     * Runs the due jobs; with {@code last} (end of input on a replay) each job that runs is not
     * scheduled again, so every pending job fires exactly once more.
     */
    public void fireJobs(long time, boolean last) {
        fireJobs(time, last, time);
    }

    /**
     * Runs the due jobs at {@code time}; their next runs are the first cron times after {@code
     * resumeAfter}. When event time jumps (a gap in a capture), periods skipped over are not run
     * one by one, as a cron daemon does not replay the runs it missed.
     */
    public void fireJobs(long time, boolean last, long resumeAfter) {
        if (!scheduler.isRunning()) {
            return;
        }
        for (JobScheduler.Job job : scheduler.due(time)) {
            runJob(job, time);
            if (scheduler.get(job.tag()) == job) {
                scheduler.completed(job, Math.max(time, resumeAfter));
                if (last) {
                    scheduler.retire(job);
                }
            }
        }
    }

    /**
     * Runs every scheduled job once at {@code time}, due or not, and retires it: the end of a
     * bounded run on the clock, where waiting for the next cron time would mean never.
     */
    public void fireAllJobsOnce(long time) {
        if (!scheduler.isRunning()) {
            return;
        }
        for (JobScheduler.Job job : scheduler.jobs()) {
            if (scheduler.get(job.tag()) != job || job.nextFire < 0) {
                continue; // removed by a job that ran before it, or retired
            }
            runJob(job, time);
            if (scheduler.get(job.tag()) == job) {
                scheduler.completed(job, time);
                scheduler.retire(job);
            }
        }
    }

    void runJobNested(JobScheduler.Job job) {
        String hook = currentHook;
        String item = currentItem;
        runJob(job, now);
        currentHook = hook;
        currentItem = item;
    }

    private void runJob(JobScheduler.Job job, long time) {
        stats.jobRuns++;
        Value runner = internal.getMember("runJob");
        String[] error = new String[1];
        boolean ok = call("job:" + job.tag(), null, time, runner, error, job.tag());
        Object limit = job.limit();
        if (ok && hooks.onJobPassed != null) {
            call("onJobPassed", null, time, hooks.onJobPassed, job.tag(), job.cron(), limit);
        } else if (!ok && hooks.onJobFailed != null) {
            call(
                    "onJobFailed",
                    null,
                    time,
                    hooks.onJobFailed,
                    job.tag(),
                    job.cron(),
                    limit,
                    error[0]);
        }
    }

    // ---- the guarded call -------------------------------------------------------------------

    private boolean call(String hook, String itemId, long time, Value fn, Object... args) {
        return call(hook, itemId, time, fn, args, null, null);
    }

    private boolean call(
            String hook, String itemId, long time, Value fn, Object arg, Value[] result) {
        return call(hook, itemId, time, fn, new Object[] {arg}, result, null);
    }

    private boolean call(
            String hook, String itemId, long time, Value fn, String[] error, Object arg) {
        return call(hook, itemId, time, fn, new Object[] {arg}, null, error);
    }

    private boolean call(
            String hook,
            String itemId,
            long time,
            Value fn,
            Object[] args,
            Value[] result,
            String[] error) {
        if (quarantined) {
            stats.skipped++;
            return false;
        }
        boolean nested = slot.deadline != 0;
        currentHook = hook;
        currentItem = itemId;
        now = time;
        stats.calls++;
        if (!nested) {
            slot.deadline = System.nanoTime() + config.budgetMillis() * 1_000_000L;
        }
        try {
            Value r = fn.execute(args);
            if (result != null) {
                result[0] = r;
            }
            consecutiveFailures = 0;
            return true;
        } catch (PolyglotException e) {
            String msg = failed(hook, itemId, e);
            if (error != null) {
                error[0] = msg;
            }
            if (nested && (e.isInterrupted() || e.isCancelled())) {
                throw e;
            }
            return false;
        } finally {
            if (!nested) {
                slot.deadline = 0;
                slot.interrupted = false;
            }
        }
    }

    private String failed(String hook, String itemId, PolyglotException e) {
        stats.failures++;
        consecutiveFailures++;
        String msg;
        if (e.isInterrupted() || slot.interrupted) {
            stats.timeouts++;
            msg = "ran over its time budget of " + config.budgetMillis() + " ms";
        } else {
            msg = e.getMessage() + " (" + Sandbox.location(e, source.fileName()) + ")";
        }
        String on = itemId == null ? "" : " on item " + itemId;
        failure(ConsoleLevel.ERROR, hook + " failed" + on + ": " + msg, hook, itemId);
        if (consecutiveFailures >= config.maxConsecutiveFailures()) {
            quarantined = true;
            failure(
                    ConsoleLevel.SYSTEM,
                    "script "
                            + source.fileName()
                            + " on "
                            + name
                            + " is quarantined after "
                            + consecutiveFailures
                            + " failed calls in a row (last: "
                            + msg
                            + "); its hooks and jobs no longer run on this instance",
                    hook,
                    itemId);
        }
        return msg;
    }

    // ---- side effects -----------------------------------------------------------------------

    void console(ConsoleLevel level, String text) {
        console(level, text, currentHook, currentItem);
    }

    private void console(ConsoleLevel level, String text, String hook, String itemId) {
        emitter.console(new ConsoleLine(source.fileName(), name, level, text, now, hook, itemId));
    }

    private void failure(ConsoleLevel level, String text, String hook, String itemId) {
        emitter.failure(new ConsoleLine(source.fileName(), name, level, text, now, hook, itemId));
    }

    void hubAction(String action, String objectJson) {
        emitter.hubAction(new HubAction(source.fileName(), name, action, objectJson, now));
    }

    void sink(
            SinkKind kind,
            String target,
            String key,
            String region,
            String method,
            Map<String, String> headers,
            String payload,
            Map<String, String> attributes) {
        String id = source.fileName() + "/" + name + "/" + (++sinkSeq);
        emitter.sinkRequest(
                SinkRequest.newBuilder()
                        .setId(id)
                        .setScript(source.fileName())
                        .setInstance(name)
                        .setKind(kind)
                        .setTarget(target)
                        .setKey(key)
                        .setRegion(region)
                        .setMethod(method)
                        .setHeaders(headers)
                        .setPayload(ByteBuffer.wrap(HostFacade.utf8(payload)))
                        .setAttributes(attributes)
                        .setTimestamp(now)
                        .build());
    }

    String envJson() {
        return Sandbox.envJson(config.env());
    }

    /** The policy helper, made on first use; null when the job has no policies. */
    PolicyHelper policyHelper() {
        if (policyHelper == null && config.policy() != null) {
            policyHelper = config.policy().create();
        }
        return policyHelper;
    }

    // ---- state ------------------------------------------------------------------------------

    /** The instance's state as JSON: data globals, job run counts, files, counters. */
    public String snapshot() {
        return StateCodec.snapshot(this, internal, builtinGlobals, sinkSeq);
    }

    /** Restores a {@link #snapshot()} into this freshly started instance. */
    public void restore(String snapshot) {
        sinkSeq = StateCodec.restore(this, internal, snapshot);
    }

    @Override
    public void close() {
        Watchdog.unregister(slot);
        try {
            context.close(true);
        } catch (PolyglotException | IllegalStateException e) {
            // Closing a cancelled context reports the cancellation again; it is closed anyway.
            quarantined = true;
        }
    }
}

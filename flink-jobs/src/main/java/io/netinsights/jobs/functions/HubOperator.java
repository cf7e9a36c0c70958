package io.netinsights.jobs.functions;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.js.ScriptInstance;
import io.netinsights.schemas.HubAction;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.Comparator;
import java.util.List;

/**
 * The hub: a single script instance (key {@value #HUB_KEY}, parallelism 1) that receives every
 * worker's {@code hub.action} calls. In event time it starts with the earliest worker's start
 * record, so its jobs follow the same schedule on every replay and run even when no worker calls
 * the hub; in processing time it starts when the job does.
 */
public final class HubOperator extends ScriptOperator<HubAction> {
    private static final long serialVersionUID = 1L;

    /** The hub's key and its {@code utils.nodeName()}. */
    public static final String HUB_KEY = "hub";

    /** The record a worker sends when it starts; it starts the hub and is not a script action. */
    public static final String WORKER_START = "netinsights:worker-start";

    public HubOperator(ScriptJobOptions options) {
        super(options, new AvroTypeInfo<>(HubAction.class));
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (options.timeMode() == ScriptJobOptions.TimeMode.PROCESSING) {
            start(getProcessingTimeService().getCurrentProcessingTime());
        }
    }

    @Override
    public void processElement1(StreamRecord<HubAction> record) throws Exception {
        enqueue(record.getValue(), record.getValue().getTimestamp());
    }

    /** The hub gets every pod event, and starts on the first one if nothing started it before. */
    @Override
    protected java.util.Collection<String> podEventKeys() {
        return List.of(HUB_KEY);
    }

    /** Actions of one instant come from several workers in any order: order them by worker. */
    @Override
    protected void sortSameTime(List<HubAction> actions) {
        actions.sort(Comparator.comparing(HubAction::getSource));
    }

    @Override
    protected void process(HubAction action, long time) {
        ScriptInstance inst = instance(time);
        if (inst == null) {
            return;
        }
        setEmitTime(time);
        if (!WORKER_START.equals(action.getAction())) {
            inst.onHubAction(action.getAction(), action.getObject(), time);
        }
        afterCall(inst);
    }

    private void start(long time) {
        setCurrentKey(HUB_KEY);
        ScriptInstance inst = instance(time);
        if (inst != null) {
            afterCall(inst);
        }
    }
}

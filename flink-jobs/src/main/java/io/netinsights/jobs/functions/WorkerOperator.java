package io.netinsights.jobs.functions;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.js.ScriptInstance;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.HubAction;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** The worker side of the script job: one instance per node key, fed every captured item. */
public final class WorkerOperator extends ScriptOperator<ApiItem> {
    private static final long serialVersionUID = 1L;

    public WorkerOperator(ScriptJobOptions options) {
        super(options, new AvroTypeInfo<>(ApiItem.class));
    }

    @Override
    public void processElement1(StreamRecord<ApiItem> record) throws Exception {
        enqueue(record.getValue(), record.getValue().getTimestamp());
    }

    /** Tells the hub a worker started, so the hub starts at the earliest event time of all. */
    @Override
    protected void started(String key, long time) {
        toHub(
                new HubAction(
                        options.script().fileName(), key, HubOperator.WORKER_START, "{}", time),
                time);
    }

    @Override
    protected void process(ApiItem item, long time) {
        ScriptInstance inst = instance(time);
        if (inst == null) {
            return;
        }
        setEmitTime(time);
        inst.onItemCaptured(item, time);
        afterCall(inst);
    }
}

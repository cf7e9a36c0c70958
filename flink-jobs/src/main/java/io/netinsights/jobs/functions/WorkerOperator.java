package io.netinsights.jobs.functions;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.js.ScriptInstance;
import io.netinsights.schemas.ApiItem;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** The worker side of the script job: one instance per node key, fed every captured item. */
public final class WorkerOperator extends ScriptOperator<ApiItem> {
    private static final long serialVersionUID = 1L;

    public WorkerOperator(ScriptJobOptions options) {
        super(options);
    }

    @Override
    public void processElement(StreamRecord<ApiItem> record) {
        ApiItem item = record.getValue();
        long time = timeOf(record, item.getTimestamp());
        ScriptInstance inst = instance(time);
        if (inst == null) {
            return;
        }
        setEmitTime(time);
        inst.onItemCaptured(item, time);
        afterCall(inst);
    }
}

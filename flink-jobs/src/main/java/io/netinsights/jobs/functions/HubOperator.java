package io.netinsights.jobs.functions;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.js.ScriptInstance;
import io.netinsights.schemas.HubAction;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The hub: a single script instance (key {@value #HUB_KEY}, parallelism 1) that receives every
 * worker's {@code hub.action} calls. It starts with the first record or watermark, so its jobs run
 * even when no worker ever calls the hub.
 */
public final class HubOperator extends ScriptOperator<HubAction> {
    private static final long serialVersionUID = 1L;

    /** The hub's key and its {@code utils.nodeName()}. */
    public static final String HUB_KEY = "hub";

    public HubOperator(ScriptJobOptions options) {
        super(options);
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (options.timeMode() == ScriptJobOptions.TimeMode.PROCESSING) {
            start(getProcessingTimeService().getCurrentProcessingTime());
        }
    }

    @Override
    public void processElement(StreamRecord<HubAction> record) {
        HubAction action = record.getValue();
        long time = timeOf(record, action.getTimestamp());
        ScriptInstance inst = instance(time);
        if (inst == null) {
            return;
        }
        setEmitTime(time);
        inst.onHubAction(action.getAction(), action.getObject(), time);
        afterCall(inst);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        // Event time starts with the first real watermark; the end-of-input one comes too late.
        if (mark.getTimestamp() > 0 && mark.getTimestamp() < Long.MAX_VALUE) {
            start(mark.getTimestamp());
        }
        super.processWatermark(mark);
    }

    private void start(long time) {
        setCurrentKey(HUB_KEY);
        ScriptInstance inst = instance(time);
        if (inst != null) {
            afterCall(inst);
        }
    }
}

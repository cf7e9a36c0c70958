package io.netinsights.jobs.reports;

import io.netinsights.policy.KubeObjects;
import io.netinsights.policy.PodInventory;
import io.netinsights.policy.Pods;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

import io.fabric8.kubernetes.api.model.Pod;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod inventory of a report operator: the inventory given in the options, updated with the pod
 * events broadcast to the operator. The latest event of each pod is kept in broadcast state (so a
 * restored operator rebuilds the same inventory); events of pods deleted more than {@link
 * #RETENTION_MS} before the newest event are dropped from it.
 */
final class LiveInventory implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How long a deleted pod's last event is kept in state. */
    static final long RETENTION_MS = 24 * 3600 * 1000L;

    /** Latest event per {@code namespace/name}. */
    static final MapStateDescriptor<String, PodEvent> EVENTS =
            new MapStateDescriptor<>(
                    "report-pod-events", Types.STRING, new AvroTypeInfo<>(PodEvent.class));

    private final PodInventory base;
    private transient PodInventory current;

    LiveInventory(PodInventory base) {
        this.base = base;
    }

    /** The inventory, built from the base and the stored events on first use. */
    PodInventory get(ReadOnlyBroadcastState<String, PodEvent> events) throws Exception {
        if (current == null) {
            PodInventory inv = base.copy();
            for (Map.Entry<String, PodEvent> e : events.immutableEntries()) {
                inv.apply(e.getValue());
            }
            current = inv;
        }
        return current;
    }

    /** {@code namespace/name} of the event's pod, from the event or else from the pod. */
    static String key(PodEvent event) {
        if (!event.getName().isEmpty()) {
            String ns = event.getNamespace().isEmpty() ? "default" : event.getNamespace();
            return ns + "/" + event.getName();
        }
        return Pods.info(KubeObjects.serialization().unmarshal(event.getPod(), Pod.class)).key();
    }

    /** Stores and applies one event. */
    void update(BroadcastState<String, PodEvent> events, PodEvent event) throws Exception {
        get(events).apply(event);
        events.put(key(event), event);
        if (event.getEvent() == PodEventType.DELETED) {
            List<String> stale = new ArrayList<>();
            for (Map.Entry<String, PodEvent> e : events.entries()) {
                PodEvent old = e.getValue();
                if (old.getEvent() == PodEventType.DELETED
                        && old.getTimestamp() < event.getTimestamp() - RETENTION_MS) {
                    stale.add(e.getKey());
                }
            }
            for (String k : stale) {
                events.remove(k);
            }
        }
    }
}

package io.netinsights.policy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns fabric8 {@link Pod} objects into {@link PodInfo}: addresses, lifetime, ports, workload. */
public final class Pods {
    private Pods() {}

    /** The pod's facts; a pod without a namespace is in {@code default}. */
    public static PodInfo info(Pod pod) {
        ObjectMeta meta = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
        String ns = meta.getNamespace() == null ? "default" : meta.getNamespace();
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        List<String> ips = new ArrayList<>();
        if (status.getPodIPs() != null) {
            for (PodIP ip : status.getPodIPs()) {
                if (ip.getIp() != null && !ips.contains(ip.getIp())) {
                    ips.add(ip.getIp());
                }
            }
        }
        if (status.getPodIP() != null && !ips.contains(status.getPodIP())) {
            ips.add(0, status.getPodIP());
        }
        long start = time(status.getStartTime(), time(meta.getCreationTimestamp(), Long.MIN_VALUE));
        String phase = status.getPhase() == null ? "" : status.getPhase();
        long end = Long.MAX_VALUE;
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            end = finishedAt(status, start);
        }
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        return new PodInfo(
                ns,
                meta.getName() == null ? "" : meta.getName(),
                meta.getUid(),
                ips,
                status.getHostIP(),
                spec.getNodeName(),
                labels,
                start,
                end,
                phase,
                Boolean.TRUE.equals(spec.getHostNetwork()),
                namedPorts(spec),
                workload(ns, meta, labels));
    }

    /** Named container ports of the pod's containers and (sidecar) init containers. */
    static List<NamedPort> namedPorts(PodSpec spec) {
        List<NamedPort> out = new ArrayList<>();
        List<Container> all = new ArrayList<>();
        if (spec.getContainers() != null) {
            all.addAll(spec.getContainers());
        }
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        for (Container c : all) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getName() != null && !p.getName().isEmpty() && p.getContainerPort() != null) {
                    out.add(new NamedPort(p.getName(), p.getContainerPort(), p.getProtocol()));
                }
            }
        }
        return out;
    }

    /**
     * The owning workload: a ReplicaSet whose name ends in the pod's {@code pod-template-hash}
     * belongs to the Deployment of the same name without it; other controllers are themselves.
     */
    static String workload(String ns, ObjectMeta meta, Map<String, String> labels) {
        List<OwnerReference> owners =
                meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences();
        OwnerReference owner = null;
        for (OwnerReference o : owners) {
            if (owner == null || Boolean.TRUE.equals(o.getController())) {
                owner = o;
            }
        }
        if (owner == null || owner.getKind() == null || owner.getName() == null) {
            return ns + "/Pod/" + meta.getName();
        }
        String hash = labels.get("pod-template-hash");
        if (owner.getKind().equals("ReplicaSet")
                && hash != null
                && owner.getName().endsWith("-" + hash)) {
            String deployment =
                    owner.getName().substring(0, owner.getName().length() - hash.length() - 1);
            return ns + "/Deployment/" + deployment;
        }
        return ns + "/" + owner.getKind() + "/" + owner.getName();
    }

    private static long finishedAt(PodStatus status, long start) {
        long end = start;
        List<ContainerStatus> all = new ArrayList<>();
        if (status.getContainerStatuses() != null) {
            all.addAll(status.getContainerStatuses());
        }
        for (ContainerStatus c : all) {
            if (c.getState() != null && c.getState().getTerminated() != null) {
                end = Math.max(end, time(c.getState().getTerminated().getFinishedAt(), end));
            }
        }
        return end;
    }

    /** RFC 3339 text to Unix milliseconds, or {@code fallback} when absent or unreadable. */
    static long time(String rfc3339, long fallback) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return fallback;
        }
        try {
            return Instant.parse(rfc3339).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: " + rfc3339, e);
        }
    }
}

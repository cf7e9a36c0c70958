package io.netinsights.policy;

import io.netinsights.schemas.PodEvent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods that exist over time, with lookup by IP (at a point in time, since IPs are reused) and
 * by {@code namespace/name}, and the labels of namespaces. Built from Pod objects ({@code kubectl
 * get pods -A -o yaml}) or from pod watch events; namespaces get their labels from Namespace
 * objects when given, else only {@code kubernetes.io/metadata.name}.
 */
public final class PodInventory implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The label every namespace carries with its own name. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    /** Every incarnation of each pod, oldest first, by {@code namespace/name}. */
    private final Map<String, List<PodInfo>> byKey = new LinkedHashMap<>();

    private final Map<String, List<PodInfo>> byIp = new HashMap<>();
    private final Map<String, Map<String, String>> namespaces = new HashMap<>();

    /** An empty inventory: every address is outside the cluster. */
    public static PodInventory empty() {
        return new PodInventory();
    }

    /** An inventory of the given pods. */
    public static PodInventory of(Collection<PodInfo> pods) {
        PodInventory inv = new PodInventory();
        pods.forEach(inv::put);
        return inv;
    }

    /** Pods and Namespaces among the objects; other kinds are ignored. */
    public static PodInventory fromObjects(List<? extends HasMetadata> objects) {
        PodInventory inv = new PodInventory();
        for (HasMetadata o : objects) {
            if (o instanceof Pod pod) {
                inv.put(Pods.info(pod));
            } else if (o instanceof Namespace ns && ns.getMetadata() != null) {
                inv.putNamespace(ns.getMetadata().getName(), ns.getMetadata().getLabels());
            }
        }
        return inv;
    }

    /** Pods (and Namespaces) from YAML or JSON text: a List kind, a PodList or single objects. */
    public static PodInventory fromYaml(String text) {
        return fromObjects(KubeObjects.read(text));
    }

    /** Like {@link #fromYaml} on a file. */
    public static PodInventory fromFile(Path file) {
        return fromObjects(KubeObjects.read(file));
    }

    /** The pods that a sequence of watch events describes, with deletion times. */
    public static PodInventory fromEvents(Iterable<PodEvent> events) {
        PodInventory inv = new PodInventory();
        events.forEach(inv::apply);
        return inv;
    }

    /** An independent copy, to be updated without changing this one. */
    public PodInventory copy() {
        PodInventory inv = new PodInventory();
        pods().forEach(inv::put);
        inv.namespaces.putAll(namespaces);
        return inv;
    }

    /** Adds or replaces (same uid, else same name and no uid) a pod. */
    public void put(PodInfo pod) {
        List<PodInfo> history = byKey.computeIfAbsent(pod.key(), k -> new ArrayList<>());
        for (int i = 0; i < history.size(); i++) {
            PodInfo old = history.get(i);
            if (old.uid().equals(pod.uid())) {
                unindex(old);
                history.set(i, pod);
                index(pod);
                return;
            }
        }
        history.add(pod);
        index(pod);
    }

    /** Sets the labels of a namespace ({@code kubernetes.io/metadata.name} is always added). */
    public void putNamespace(String name, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels == null ? Map.of() : labels);
        all.put(NAMESPACE_NAME_LABEL, name);
        namespaces.put(name, Map.copyOf(all));
    }

    /** Applies a watch event: ADDED and MODIFIED add or update, DELETED ends the pod then. */
    public void apply(PodEvent event) {
        Pod pod = KubeObjects.serialization().unmarshal(event.getPod(), Pod.class);
        PodInfo info = Pods.info(pod);
        switch (event.getEvent()) {
            case ADDED, MODIFIED -> put(info);
            case DELETED -> put(info.endedAt(Math.min(info.endMillis(), event.getTimestamp())));
        }
    }

    /** The pod (not on the host network) that had this IP at time {@code t}. */
    public Optional<PodInfo> byIp(String ip, long t) {
        List<PodInfo> candidates = byIp.getOrDefault(ip, List.of());
        return candidates.stream()
                .filter(p -> p.aliveAt(t))
                .max(Comparator.comparingLong(PodInfo::startMillis));
    }

    /** The latest incarnation of {@code namespace/name}. */
    public Optional<PodInfo> byName(String namespace, String name) {
        List<PodInfo> history = byKey.getOrDefault(namespace + "/" + name, List.of());
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** Labels of the namespace; {@code kubernetes.io/metadata.name} only if it was not given. */
    public Map<String, String> namespaceLabels(String namespace) {
        Map<String, String> labels = namespaces.get(namespace);
        return labels != null ? labels : Map.of(NAMESPACE_NAME_LABEL, namespace);
    }

    /** The pod as a flow endpoint, with its namespace's labels. */
    public FlowEndpoint endpoint(PodInfo pod) {
        return FlowEndpoint.pod(pod, namespaceLabels(pod.namespace()));
    }

    /** Every pod incarnation, ended ones included, in insertion order. */
    public List<PodInfo> pods() {
        List<PodInfo> out = new ArrayList<>();
        byKey.values().forEach(out::addAll);
        return out;
    }

    /** Pods that ran for the whole of {@code [start, end)}; host-network pods are left out. */
    public List<PodInfo> aliveThroughout(long start, long end) {
        List<PodInfo> out = new ArrayList<>();
        for (List<PodInfo> history : byKey.values()) {
            for (PodInfo p : history) {
                if (!p.hostNetwork() && p.aliveThroughout(start, end)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    public int size() {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    private void index(PodInfo pod) {
        if (pod.hostNetwork()) {
            return; // host-network pods share the node's IP: traffic cannot be told apart
        }
        for (String ip : pod.ips()) {
            byIp.computeIfAbsent(ip, k -> new ArrayList<>()).add(pod);
        }
    }

    private void unindex(PodInfo pod) {
        for (String ip : pod.ips()) {
            List<PodInfo> list = byIp.get(ip);
            if (list != null) {
                list.remove(pod);
            }
        }
    }
}

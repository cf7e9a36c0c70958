package io.netinsights.capture.k8s;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The IP → identity index of a cluster, kept by the informers of {@link KubernetesEnrichment}: pod
 * IPs to pods, Service cluster IPs to services, and endpoint addresses of EndpointSlices to the
 * service they back. Informer threads write it; the capture thread reads it without locking.
 *
 * <p>Pods on the host network are left out (their IP is the node's, shared by many pods), and so
 * are pods that have finished (Succeeded or Failed), whose IP may already belong to another pod.
 */
public final class ClusterIndex {

    /** The EndpointSlice label that names its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final IpTable<PodIdentity> pods = new IpTable<>();
    private final IpTable<ServiceIdentity> clusterIps = new IpTable<>();
    private final IpTable<ServiceIdentity> endpoints = new IpTable<>();

    /** The pod that has {@code ip}, or null. */
    public PodIdentity pod(String ip) {
        return pods.get(ip);
    }

    /**
     * The service of {@code ip}: the Service whose cluster IP it is, else the Service whose
     * EndpointSlices list it (a pod behind a Service); null when neither.
     */
    public ServiceIdentity service(String ip) {
        ServiceIdentity s = clusterIps.get(ip);
        return s != null ? s : endpoints.get(ip);
    }

    /** Adds or updates a pod. */
    public void putPod(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        String key = key(meta);
        if (pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            pods.remove(key);
            return;
        }
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        if (status == null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            pods.remove(key);
            return;
        }
        List<String> ips = new ArrayList<>();
        if (status.getPodIPs() != null) {
            for (PodIP ip : status.getPodIPs()) {
                ips.add(ip.getIp());
            }
        }
        if (ips.isEmpty() && status.getPodIP() != null) {
            ips.add(status.getPodIP());
        }
        pods.put(key, ips, new PodIdentity(meta.getName(), namespace(meta), meta.getLabels()));
    }

    public void removePod(Pod pod) {
        pods.remove(key(pod.getMetadata()));
    }

    /** Adds or updates a Service (its cluster IPs; headless services have none). */
    public void putService(Service service) {
        ObjectMeta meta = service.getMetadata();
        ServiceSpec spec = service.getSpec();
        List<String> ips = new ArrayList<>();
        if (spec != null && spec.getClusterIPs() != null) {
            ips.addAll(spec.getClusterIPs());
        }
        if (ips.isEmpty() && spec != null && spec.getClusterIP() != null) {
            ips.add(spec.getClusterIP());
        }
        ips.removeIf(ip -> "None".equals(ip));
        clusterIps.put(key(meta), ips, new ServiceIdentity(meta.getName(), namespace(meta)));
    }

    public void removeService(Service service) {
        clusterIps.remove(key(service.getMetadata()));
    }

    /** Adds or updates an EndpointSlice; one without a service-name label is ignored. */
    public void putEndpointSlice(EndpointSlice slice) {
        ObjectMeta meta = slice.getMetadata();
        Map<String, String> labels = meta.getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
        if (service == null || service.isEmpty()) {
            endpoints.remove(key(meta));
            return;
        }
        List<String> ips = new ArrayList<>();
        if (slice.getEndpoints() != null) {
            for (Endpoint e : slice.getEndpoints()) {
                if (e.getAddresses() != null) {
                    ips.addAll(e.getAddresses());
                }
            }
        }
        endpoints.put(key(meta), ips, new ServiceIdentity(service, namespace(meta)));
    }

    public void removeEndpointSlice(EndpointSlice slice) {
        endpoints.remove(key(slice.getMetadata()));
    }

    /** IPs known as pods, cluster IPs and endpoints, for logs. */
    public String sizes() {
        return "pods="
                + pods.size()
                + " clusterIPs="
                + clusterIps.size()
                + " endpoints="
                + endpoints.size();
    }

    private static String key(ObjectMeta meta) {
        return namespace(meta) + "/" + meta.getName();
    }

    private static String namespace(ObjectMeta meta) {
        return meta.getNamespace() == null ? "" : meta.getNamespace();
    }
}

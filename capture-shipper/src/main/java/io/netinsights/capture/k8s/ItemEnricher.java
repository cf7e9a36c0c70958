package io.netinsights.capture.k8s;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.PodRef;
import io.netinsights.schemas.ServiceRef;

import java.util.HashMap;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Fills the Kubernetes identity of an item's {@code src} and {@code dst} from a {@link
 * ClusterIndex}: {@code pod}, {@code service}, {@code namespace}, and {@code name} (the pod name,
 * else the service name, as scripting-api.md has it). Endpoints the index does not know are left as
 * captured. Changes the item in place and returns it.
 */
public final class ItemEnricher implements UnaryOperator<ApiItem> {
    private final ClusterIndex index;

    public ItemEnricher(ClusterIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    @Override
    public ApiItem apply(ApiItem item) {
        fill(item.getSrc());
        fill(item.getDst());
        return item;
    }

    private void fill(Endpoint e) {
        String ip = e.getIp();
        PodIdentity pod = index.pod(ip);
        ServiceIdentity service = index.service(ip);
        if (service != null) {
            e.setService(new ServiceRef(service.name(), service.namespace()));
            e.setName(service.name());
            e.setNamespace(service.namespace());
        }
        if (pod != null) {
            // Avro records are mutable: every item gets its own label map.
            e.setPod(new PodRef(pod.name(), pod.namespace(), new HashMap<>(pod.labels())));
            e.setName(pod.name());
            e.setNamespace(pod.namespace());
        }
    }
}

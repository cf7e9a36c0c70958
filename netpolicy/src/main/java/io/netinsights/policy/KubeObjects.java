package io.netinsights.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kubernetes objects from YAML or JSON text with fabric8's {@link KubernetesSerialization}: a
 * single object, a multi-document YAML stream ({@code ---}), or a list ({@code kind: List} as
 * {@code kubectl get -o yaml} prints it, or a typed list such as {@code PodList}).
 */
public final class KubeObjects {
    private KubeObjects() {}

    /** One serializer per JVM: building it scans the model classes, and it is thread-safe. */
    private static final class Holder {
        static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    }

    /** The serializer shared by the module. */
    public static KubernetesSerialization serialization() {
        return Holder.SERIALIZATION;
    }

    /** Every object in the text, lists flattened, in order; empty text gives an empty list. */
    public static List<HasMetadata> read(String text) {
        List<HasMetadata> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        Object parsed;
        try {
            parsed = serialization().unmarshal(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "not Kubernetes YAML or JSON: " + firstLine(e.getMessage()), e);
        }
        flatten(parsed, out);
        return out;
    }

    /** The objects of one type in the text; objects of other kinds are left out. */
    public static <T extends HasMetadata> List<T> read(String text, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (HasMetadata o : read(text)) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return out;
    }

    /** Reads a file as UTF-8 and parses it like {@link #read(String)}. */
    public static List<HasMetadata> read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static void flatten(Object o, List<HasMetadata> out) {
        if (o == null) {
            return;
        }
        if (o instanceof List<?> list) {
            for (Object x : list) {
                flatten(x, out);
            }
        } else if (o instanceof KubernetesResourceList<?> list) {
            for (Object x : list.getItems()) {
                flatten(x, out);
            }
        } else if (o instanceof HasMetadata h) {
            out.add(h);
        } else if (!(o instanceof KubernetesResource)) {
            throw new IllegalArgumentException(
                    "not a Kubernetes object: " + o.getClass().getSimpleName());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }
}

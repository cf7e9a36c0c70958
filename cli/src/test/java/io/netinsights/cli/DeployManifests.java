package io.netinsights.cli;

import org.yaml.snakeyaml.Yaml;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Test helper that splits multi-document manifests and finds fields fabric8 did not recognise. */
final class DeployManifests {
    /** Values for the placeholders of {@code flink-session-job-template.yaml}. */
    static final Map<String, String> SAMPLE_VALUES =
            Map.of(
                    "${NAME}", "sample-script",
                    "${SCRIPT_FILE}", "sample-script.js",
                    "${SCRIPT_BASE64}", "dmFyIHggPSAxOw==",
                    "${KAFKA}", "kafka:9092");

    private DeployManifests() {}

    /** The non-empty YAML documents of a file, with template placeholders filled in. */
    static List<String> documents(String text) {
        String filled = text;
        for (Map.Entry<String, String> e : SAMPLE_VALUES.entrySet()) {
            filled = filled.replace(e.getKey(), e.getValue());
        }
        List<String> docs = new ArrayList<>();
        for (String doc : filled.split("(?m)^---\\s*$")) {
            boolean hasContent =
                    doc.lines().anyMatch(l -> !l.isBlank() && !l.stripLeading().startsWith("#"));
            if (hasContent) {
                docs.add(doc.strip() + "\n");
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(String doc) {
        return (Map<String, Object>) new Yaml().load(doc);
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> tree) {
        return (String) ((Map<String, Object>) tree.get("metadata")).get("name");
    }

    /**
     * Paths of every field that a fabric8 model object kept in its {@code additionalProperties},
     * that is, every field its schema does not know.
     */
    static List<String> unknownFields(Object model, String path) {
        List<String> found = new ArrayList<>();
        walk(model, path, found);
        return found;
    }

    private static void walk(Object o, String path, List<String> found) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, o);
            String field = decapitalize(getter.getName().substring(3));
            if (field.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else {
                walk(value, path + "." + field, found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

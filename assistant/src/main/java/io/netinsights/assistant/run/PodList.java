package io.netinsights.assistant.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pod inventory in the shape {@code kubectl get pods -A -o yaml} (or {@code -o json})
 * prints: a {@code List} with {@code items}, a single Pod, or several YAML documents. Each pod
 * becomes the JSON text that {@code onPodEvent("ADDED", pod)} receives.
 */
public final class PodList {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private PodList() {}

    /** Pods of a YAML or JSON file, as JSON texts. */
    public static List<String> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read pods file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pods file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Pods of a YAML or JSON text, as JSON texts. */
    public static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNext()) {
                collect(docs.next(), out);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML or JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static void collect(JsonNode doc, List<String> out) throws IOException {
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
            return;
        }
        if (doc.isArray()) {
            for (JsonNode n : doc) {
                collect(n, out);
            }
            return;
        }
        if (doc.has("items") && doc.get("items").isArray()) {
            for (JsonNode n : doc.get("items")) {
                collect(n, out);
            }
            return;
        }
        JsonNode meta = doc.get("metadata");
        if (meta == null || !meta.hasNonNull("name")) {
            throw new IllegalArgumentException(
                    "expected Pod objects (with metadata.name) or a List of them, got "
                            + abbreviate(doc.toString()));
        }
        out.add(JSON.writeValueAsString(doc));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

package io.netinsights.assistant.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The template library shipped as resources: {@code templates/library.yaml} lists the templates
 * with their slots and examples; {@code templates/<id>.js} holds each one's code, where a line
 * {@code // @include NAME} pulls in a shared snippet. Loaded once and immutable.
 */
public final class TemplateLibrary {
    private static final String BASE = "/io/netinsights/assistant/templates/";
    private static final String INCLUDE = "// @include ";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static volatile TemplateLibrary defaultLibrary;

    private final Map<String, Template> templates;

    private TemplateLibrary(List<Template> list) {
        Map<String, Template> m = new LinkedHashMap<>();
        for (Template t : list) {
            if (m.put(t.id(), t) != null) {
                throw new IllegalStateException("template id " + t.id() + " is defined twice");
            }
        }
        this.templates = m;
    }

    /** The library shipped with the assistant. */
    public static TemplateLibrary standard() {
        TemplateLibrary lib = defaultLibrary;
        if (lib == null) {
            synchronized (TemplateLibrary.class) {
                lib = defaultLibrary;
                if (lib == null) {
                    lib = new TemplateLibrary(load());
                    defaultLibrary = lib;
                }
            }
        }
        return lib;
    }

    public List<Template> all() {
        return List.copyOf(templates.values());
    }

    public Optional<Template> get(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    private static List<Template> load() {
        JsonNode root;
        try {
            root = YAML.readTree(resource("library.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse templates/library.yaml", e);
        }
        List<Template> out = new ArrayList<>();
        for (JsonNode t : root.path("templates")) {
            out.add(template(t));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("templates/library.yaml lists no templates");
        }
        return out;
    }

    private static Template template(JsonNode t) {
        String id = required(t, "id", "template");
        List<Slot> slots = new ArrayList<>();
        for (JsonNode s : t.path("slots")) {
            slots.add(slot(id, s));
        }
        return new Template(
                id,
                required(t, "title", id),
                t.path("description").asText(""),
                strings(t.path("keywords")),
                strings(t.path("examples")),
                slots,
                withIncludes(resource(id + ".js")));
    }

    private static Slot slot(String templateId, JsonNode s) {
        String name = required(s, "name", templateId + " slot");
        SlotType type;
        try {
            type = SlotType.valueOf(required(s, "type", name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "template "
                            + templateId
                            + " slot "
                            + name
                            + " has unknown type "
                            + s.get("type"),
                    e);
        }
        Object dflt = s.has("default") ? YAML.convertValue(s.get("default"), Object.class) : null;
        return new Slot(
                name,
                type,
                s.hasNonNull("from") ? s.get("from").asText() : null,
                dflt,
                strings(s.path("values")),
                s.path("required").asBoolean(false),
                s.path("doc").asText(""));
    }

    private static String withIncludes(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (line.startsWith(INCLUDE)) {
                out.append(resource(line.substring(INCLUDE.length()).strip()).stripTrailing());
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String required(JsonNode n, String field, String where) {
        if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
            throw new IllegalStateException(where + " in templates/library.yaml has no " + field);
        }
        return n.get(field).asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    static String resource(String name) {
        try (InputStream in = TemplateLibrary.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template resource " + name, e);
        }
    }
}

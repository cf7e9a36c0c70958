package io.netinsights.assistant.template;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a template.
 *
 * @param name the placeholder name in the code ({@code {{name}}})
 * @param type what kind of value it takes
 * @param from the name of the fact extracted from a question that fills it, or null
 * @param defaultValue the value when the question says nothing
 * @param values the allowed values of an {@link SlotType#ENUM} slot
 * @param required whether the question must fill it (a default alone is not enough)
 * @param doc what the slot means, for explanations
 */
public record Slot(
        String name,
        SlotType type,
        String from,
        Object defaultValue,
        List<String> values,
        boolean required,
        String doc) {

    public Slot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = values == null ? List.of() : List.copyOf(values);
        doc = doc == null ? "" : doc;
    }
}

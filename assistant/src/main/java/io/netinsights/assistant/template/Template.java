package io.netinsights.assistant.template;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A vetted, parameterised ES5 script of the assistant's library: what it answers, example questions
 * for retrieval, its slots and its code with {@code {{slot}}} placeholders.
 *
 * @param id stable id, also the code resource name
 * @param title one line
 * @param description what it computes
 * @param keywords words that, in a question, point to this template
 * @param examples example questions it answers
 * @param slots its parameters
 * @param code the ES5 code with placeholders (includes already resolved)
 */
public record Template(
        String id,
        String title,
        String description,
        List<String> keywords,
        List<String> examples,
        List<Slot> slots,
        String code) {

    public Template {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        keywords = List.copyOf(keywords);
        examples = List.copyOf(examples);
        slots = List.copyOf(slots);
    }

    public Optional<Slot> slot(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}

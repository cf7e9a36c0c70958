package io.netinsights.assistant;

import io.netinsights.assistant.retrieve.Facts;
import io.netinsights.assistant.template.Slot;
import io.netinsights.assistant.template.SlotValues;
import io.netinsights.assistant.template.Template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a template's slots from the facts of a question, or says why the template cannot answer it:
 * a required slot the question leaves open, a value the slot cannot take, or a sink the template
 * does not send to.
 */
final class SlotFiller {
    private SlotFiller() {}

    /**
     * The result.
     *
     * @param values slot values taken from the question (the others keep their defaults)
     * @param reason why the template does not fit, or null when it does
     */
    record Fill(Map<String, Object> values, String reason) {
        boolean ok() {
            return reason == null;
        }
    }

    static Fill fill(Template t, Facts facts) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Slot s : t.slots()) {
            if (s.from() == null || !facts.has(s.from())) {
                if (s.required()) {
                    return new Fill(
                            values,
                            "template "
                                    + t.id()
                                    + " needs to know "
                                    + s.doc()
                                    + " and the question does not say");
                }
                continue;
            }
            try {
                values.put(s.name(), SlotValues.normalize(s, facts.get(s.from())));
            } catch (IllegalArgumentException e) {
                return new Fill(values, "template " + t.id() + ": " + e.getMessage());
            }
        }
        Object sink = facts.get("sink");
        if (sink != null) {
            boolean sends =
                    t.slot("sink").isPresent()
                            || ("s3".equals(sink) && t.slot("bucket").isPresent());
            if (!sends) {
                return new Fill(
                        values,
                        "the question asks to send to "
                                + sink
                                + ", which template "
                                + t.id()
                                + " does not do");
            }
        }
        return new Fill(values, null);
    }
}

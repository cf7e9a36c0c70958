package io.netinsights.assistant.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's placeholders: {@code {{slot}}} becomes the slot's value as a JavaScript
 * literal (JSON), {@code {{slot!}}} its value as plain text (for comments). A slot the caller does
 * not set takes its default.
 */
public final class TemplateRenderer {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)(!?)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateRenderer() {}

    /** Every slot's value: the given ones normalised, the others their defaults. */
    public static Map<String, Object> resolve(Template t, Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Slot s : t.slots()) {
            Object v = given.containsKey(s.name()) ? given.get(s.name()) : s.defaultValue();
            out.put(s.name(), SlotValues.normalize(s, v));
        }
        for (String name : given.keySet()) {
            if (t.slot(name).isEmpty()) {
                throw new IllegalArgumentException("template " + t.id() + " has no slot " + name);
            }
        }
        return out;
    }

    /**
     * The template's code with every placeholder filled.
     *
     * @throws IllegalArgumentException for a bad value or a placeholder without a slot
     */
    public static String render(Template t, Map<String, Object> given) {
        Map<String, Object> values = resolve(t, given);
        Matcher m = PLACEHOLDER.matcher(t.code());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Slot slot =
                    t.slot(name)
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "template "
                                                            + t.id()
                                                            + " uses {{"
                                                            + name
                                                            + "}} but has no such slot"));
            Object v = values.get(name);
            String text = m.group(2).isEmpty() ? literal(slot, v) : SlotValues.text(slot, v);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String literal(Slot slot, Object v) {
        Object js =
                switch (slot.type()) {
                    case INTERVAL -> SlotValues.cron(((Number) v).longValue());
                    case NUMBER, PERCENT -> {
                        double d = ((Number) v).doubleValue();
                        yield d == Math.rint(d) ? (Object) (long) d : (Object) d;
                    }
                    default -> v;
                };
        try {
            // JSON is valid ES5 source for these values; U+2028/9 are the two characters where
            // it is not, so escape them.
            return JSON.writeValueAsString(js)
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "slot " + slot.name() + " value is not JSON-able", e);
        }
    }
}

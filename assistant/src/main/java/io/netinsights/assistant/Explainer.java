package io.netinsights.assistant;

import io.netinsights.assistant.retrieve.Facts;
import io.netinsights.assistant.template.Slot;
import io.netinsights.assistant.template.SlotValues;
import io.netinsights.assistant.template.Template;
import io.netinsights.js.ApiIndex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in a few lines what a script computes: the hooks it defines and where they run, the helpers
 * it calls with their cost, its jobs and schedules, and for a template its parameters (windows,
 * thresholds, ...) with the words of the question they came from.
 */
final class Explainer {
    private static final Pattern JOB =
            Pattern.compile("jobs\\.schedule\\(\\s*\"([^\"]+)\"\\s*,\\s*([A-Z_]+|\"[^\"]+\")");
    private static final Pattern CRON_VAR =
            Pattern.compile("var\\s+([A-Z_]+)\\s*=\\s*\"([^\"]+)\"");

    private Explainer() {}

    static String forTemplate(Template t, Map<String, Object> values, Facts facts, String code) {
        StringBuilder b = new StringBuilder();
        b.append("What it computes: ")
                .append(t.title())
                .append(". ")
                .append(t.description())
                .append('\n');
        b.append("Parameters:\n");
        for (Slot s : t.slots()) {
            Object v = values.get(s.name());
            String from =
                    s.from() != null && facts.evidence().containsKey(s.from())
                            ? "from \"" + facts.evidence().get(s.from()) + "\""
                            : "default";
            String shown =
                    s.type() == io.netinsights.assistant.template.SlotType.JSON
                            ? (v instanceof List<?> l ? l.size() + " object(s)" : "JSON")
                            : SlotValues.text(s, v);
            b.append("  ")
                    .append(s.name())
                    .append(" = ")
                    .append(shown)
                    .append(" (")
                    .append(s.doc())
                    .append("; ")
                    .append(from)
                    .append(")\n");
        }
        b.append(forCode(code));
        return b.toString().stripTrailing();
    }

    static String forCode(String code) {
        StringBuilder b = new StringBuilder();
        List<String> hooks = new ArrayList<>();
        for (ApiIndex.Hook h : ApiIndex.HOOKS) {
            if (Pattern.compile("function\\s+" + h.name() + "\\s*\\(").matcher(code).find()) {
                hooks.add(h.name() + " (" + h.runsOn().name().toLowerCase() + ")");
            }
        }
        Set<String> helpers = new LinkedHashSet<>();
        for (ApiIndex.Helper h : ApiIndex.HELPERS) {
            if (Pattern.compile("(?<![\\w.])" + Pattern.quote(h.path()) + "\\s*\\(")
                    .matcher(code)
                    .find()) {
                helpers.add(h.path() + " [" + h.cost().name().toLowerCase() + "]");
            }
        }
        b.append("Hooks: ")
                .append(hooks.isEmpty() ? "none" : String.join(", ", hooks))
                .append('\n');
        b.append("Helpers: ")
                .append(helpers.isEmpty() ? "none" : String.join(", ", helpers))
                .append('\n');
        Matcher vars = CRON_VAR.matcher(code);
        Map<String, String> crons = new java.util.HashMap<>();
        while (vars.find()) {
            crons.put(vars.group(1), vars.group(2));
        }
        List<String> jobs = new ArrayList<>();
        Matcher m = JOB.matcher(code);
        while (m.find()) {
            String cron =
                    m.group(2).startsWith("\"")
                            ? m.group(2).replace("\"", "")
                            : crons.getOrDefault(m.group(2), m.group(2));
            jobs.add(m.group(1) + " (cron \"" + cron + "\")");
        }
        b.append("Jobs: ").append(jobs.isEmpty() ? "none" : String.join(", ", jobs)).append('\n');
        if (code.contains("hub.action")) {
            b.append("Workers aggregate per node; the hub (utils.nodeName() == \"hub\") merges")
                    .append(" what they ship with hub.action and reports. On a replay, jobs run in")
                    .append(" event time and every pending job runs once more at the end.");
        }
        return b.toString();
    }
}

package io.netinsights.assistant;

import io.netinsights.assistant.retrieve.Facts;
import io.netinsights.assistant.run.RunResult;

import java.util.List;
import java.util.Map;

/**
 * The assistant's answer to a question.
 *
 * @param status whether there is a checked script
 * @param question the question (for a refinement, the original question and the follow-ups)
 * @param code the script, or null unless {@link Status#SCRIPT}
 * @param explanation what the script computes: hooks and helpers, windows, thresholds; or why there
 *     is no script
 * @param source the template id, or {@value #MODEL} for a model-written script
 * @param slots slot values of a template answer
 * @param facts what was extracted from the question (refinements build on it)
 * @param problems validation and dry-run findings (warnings of a returned script; the reasons a
 *     model's last attempt failed)
 * @param closest ids and titles of the closest templates (when there is no script)
 * @param repairRounds how many repair rounds the model needed
 * @param dryRun the dry run of the returned script, or null
 * @param elapsedMillis how long answering took
 */
public record Answer(
        Status status,
        String question,
        String code,
        String explanation,
        String source,
        Map<String, Object> slots,
        Facts facts,
        List<String> problems,
        List<String> closest,
        int repairRounds,
        RunResult dryRun,
        long elapsedMillis) {

    /** Source of a script written by a model. */
    public static final String MODEL = "llm";

    /** Whether an answer carries a script. */
    public enum Status {
        /** A script that validated and passed its dry run. */
        SCRIPT,
        /**
         * No template fits well enough and no model is configured (or the topic is out of scope).
         */
        CANNOT_ANSWER,
        /** The model's scripts kept failing the checks after every repair round. */
        FAILED
    }

    public Answer {
        slots =
                slots == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(slots));
        problems = List.copyOf(problems);
        closest = List.copyOf(closest);
    }

    public boolean hasScript() {
        return status == Status.SCRIPT;
    }

    /** The answer as the CLI prints it (the script comes separately). */
    public String summary() {
        StringBuilder b = new StringBuilder();
        if (status == Status.SCRIPT) {
            b.append("Script from ")
                    .append(MODEL.equals(source) ? "the model" : "template " + source);
            if (repairRounds > 0) {
                b.append(" after ").append(repairRounds).append(" repair round(s)");
            }
            b.append(".\n");
        }
        b.append(explanation);
        if (!problems.isEmpty()) {
            b.append("\n").append(status == Status.SCRIPT ? "Warnings:" : "Problems:");
            problems.forEach(p -> b.append("\n  ").append(p));
        }
        if (!closest.isEmpty()) {
            b.append("\nClosest templates:");
            closest.forEach(c -> b.append("\n  ").append(c));
        }
        return b.toString();
    }
}

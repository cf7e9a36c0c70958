package io.netinsights.assistant.llm;

import io.netinsights.assistant.ApiDescription;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversation that asks a model for a script: a system message with the rules and the API
 * index (hooks, helpers, item fields), then the most similar vetted templates as examples, a
 * redacted traffic sample and the question; repair turns quote what failed.
 */
public final class PromptBuilder {
    static final String RULES =
            """
            You write monitoring scripts for netinsights, a Kubeshark-compatible scripting engine \
            that runs ES5 JavaScript over captured Kubernetes API traffic.
            Rules:
            - ES5 only: var and function. No let, const, arrow functions, classes, template \
            literals, for-of, destructuring, default parameters, spread or async.
            - The first line is a // comment with the script's title.
            - Use only the hooks and helpers listed below. No require, no imports, no Java, no \
            network or file access except through the helpers.
            - The script runs as one worker instance per node and one hub instance; \
            utils.nodeName() returns "hub" on the hub. Workers aggregate in onItemCaptured into \
            global variables, ship partial results with hub.action from a job scheduled with \
            jobs.schedule (6-field cron, seconds first, e.g. "*/10 * * * * *"), then reset them. \
            The hub merges in onHubAction and prints its report with console.log from a job.
            - Never call vendor.* or prometheus.* inside onItemCaptured: buffer items (bounded) and \
            send them from a job.
            - Keep every global map bounded: reset per-item maps in a job and cap their size.
            - Print one result per line, the entity first, e.g. "1. shop/frontend-abc: 120 queries".
            - Name pods as namespace/name.
            - Answer with exactly one ```javascript code block and nothing else.
            """;

    private PromptBuilder() {}

    /**
     * The first conversation for a question.
     *
     * @param examples vetted scripts for similar questions, as (title, code) pairs
     * @param sample redacted items, one JSON object per line
     */
    public static List<ChatTurn> initial(String question, List<String[]> examples, String sample) {
        List<ChatTurn> turns = new ArrayList<>();
        turns.add(ChatTurn.system(RULES + "\n" + ApiDescription.promptText()));
        StringBuilder u = new StringBuilder();
        if (!examples.isEmpty()) {
            u.append("Vetted scripts for similar questions:\n\n");
            for (String[] ex : examples) {
                u.append("### ")
                        .append(ex[0])
                        .append("\n```javascript\n")
                        .append(ex[1].strip())
                        .append("\n```\n\n");
            }
        }
        if (!sample.isBlank()) {
            u.append("Sample items (credentials and bodies redacted), one per line:\n")
                    .append(sample)
                    .append("\n\n");
        }
        u.append("Question: ").append(question.strip());
        turns.add(ChatTurn.user(u.toString()));
        return turns;
    }

    /** The turn that asks for a repair. */
    public static ChatTurn repair(List<String> problems) {
        StringBuilder b = new StringBuilder("The script failed these checks:\n");
        for (String p : problems) {
            b.append("- ").append(p).append('\n');
        }
        b.append("Fix every problem and answer with the whole corrected script in one")
                .append(" ```javascript block (ES5 only, only the listed hooks and helpers).");
        return ChatTurn.user(b.toString());
    }

    /** The turn that asks to change a previous script after a follow-up. */
    public static ChatTurn followUp(String previousCode, String followUp) {
        return ChatTurn.user(
                "Here is the current script:\n```javascript\n"
                        + previousCode.strip()
                        + "\n```\n"
                        + "Change it as follows and answer with the whole script: "
                        + followUp.strip());
    }
}

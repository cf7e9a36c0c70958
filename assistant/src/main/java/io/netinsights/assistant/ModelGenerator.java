package io.netinsights.assistant;

import io.netinsights.assistant.llm.ChatClient;
import io.netinsights.assistant.llm.ChatTurn;
import io.netinsights.assistant.llm.CodeBlocks;
import io.netinsights.assistant.llm.PromptBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The model path: ask the model, check its script (validator with strict lint, then a dry run), and
 * feed the failures back for up to {@link AskOptions#maxRepairs()} repair rounds. A script that
 * still fails is never returned as valid.
 */
final class ModelGenerator {
    private ModelGenerator() {}

    /**
     * The outcome.
     *
     * @param code the script that passed, or null
     * @param rounds repair rounds used
     * @param problems why the last attempt failed (empty when it passed)
     * @param outcome the checks of the passing script, or null
     */
    record Generation(
            String code, int rounds, List<String> problems, ScriptChecker.Outcome outcome) {}

    static Generation generate(List<ChatTurn> conversation, AskOptions o) {
        ChatClient model = o.model();
        List<ChatTurn> turns = new ArrayList<>(conversation);
        List<String> problems = List.of();
        for (int round = 0; round <= o.maxRepairs(); round++) {
            String reply = model.chat(turns);
            String code = CodeBlocks.extract(reply);
            if (code == null) {
                problems = List.of("the answer has no ```javascript code block");
            } else {
                ScriptChecker.Outcome out = ScriptChecker.check("answer.js", code, o, true);
                if (out.ok()) {
                    return new Generation(code, round, List.of(), out);
                }
                problems = out.problems();
            }
            turns.add(ChatTurn.assistant(reply));
            turns.add(PromptBuilder.repair(problems));
        }
        return new Generation(null, o.maxRepairs(), problems, null);
    }
}

package io.netinsights.assistant.eval;

import java.util.Map;

/**
 * One question of an evaluation set and how to check its answer.
 *
 * @param id short stable id
 * @param question the question
 * @param seed whether it is (a paraphrase of) one of the seven seed requests
 * @param expect the check ({@code check}) and its parameters
 */
public record Question(String id, String question, boolean seed, Map<String, Object> expect) {
    public String check() {
        return String.valueOf(expect.get("check"));
    }
}

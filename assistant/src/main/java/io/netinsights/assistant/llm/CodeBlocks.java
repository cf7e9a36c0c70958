package io.netinsights.assistant.llm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the script out of a model's answer: the longest fenced code block, else the whole text. */
public final class CodeBlocks {
    private static final Pattern FENCE =
            Pattern.compile("```[a-zA-Z0-9]*\\s*\\n(.*?)```", Pattern.DOTALL);

    private CodeBlocks() {}

    /** The code, or null when the answer has none. */
    public static String extract(String answer) {
        Matcher m = FENCE.matcher(answer);
        String best = null;
        while (m.find()) {
            if (best == null || m.group(1).length() > best.length()) {
                best = m.group(1);
            }
        }
        if (best != null) {
            return best.strip() + "\n";
        }
        String t = answer.strip();
        boolean looksLikeCode =
                t.startsWith("//") || t.startsWith("var ") || t.startsWith("function ");
        return looksLikeCode ? t + "\n" : null;
    }
}

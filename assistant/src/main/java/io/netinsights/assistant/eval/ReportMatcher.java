package io.netinsights.assistant.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which entities a report names, whatever its wording: each report line is taken to be about
 * the entity it names first (a pod as namespace/name or by name alone, an endpoint as service,
 * method and path, anything else as a whole word).
 */
final class ReportMatcher {
    private static final String WORD_CHARS = "A-Za-z0-9_.\\-";

    private ReportMatcher() {}

    /** One entity and the patterns that find it in a line. */
    record Entity(String key, List<Pattern> patterns) {
        /** Start of the first match in the line, or -1. */
        int find(String line) {
            int best = -1;
            for (Pattern p : patterns) {
                Matcher m = p.matcher(line);
                if (m.find() && (best < 0 || m.start() < best)) {
                    best = m.start();
                }
            }
            return best;
        }
    }

    static Entity entity(String key) {
        List<Pattern> ps = new ArrayList<>();
        String[] words = key.split(" ");
        if (words.length == 3 && (words[2].startsWith("/") || words[1].equals("DNS"))) {
            ps.add(
                    Pattern.compile(
                            word(words[0])
                                    + ".*?"
                                    + word(words[1])
                                    + "\\s+"
                                    + Pattern.quote(words[2])
                                    + "(?![A-Za-z0-9_{}/.\\-]|\\.[A-Za-z0-9])"));
            return new Entity(key, ps);
        }
        ps.add(Pattern.compile(word(key)));
        int slash = key.indexOf('/');
        if (slash > 0 && slash < key.length() - 1 && key.indexOf('/', slash + 1) < 0) {
            ps.add(Pattern.compile(word(key.substring(slash + 1))));
        }
        return new Entity(key, ps);
    }

    private static String word(String s) {
        return "(?<!["
                + WORD_CHARS
                + "/])"
                + Pattern.quote(s)
                + "(?![A-Za-z0-9_\\-]|\\.[A-Za-z0-9])";
    }

    /** The entity each line names first, in line order (lines naming none are skipped). */
    static List<String> firstMentions(List<String> lines, Collection<String> universe) {
        List<Entity> entities = universe.stream().map(ReportMatcher::entity).toList();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String best = null;
            int at = Integer.MAX_VALUE;
            for (Entity e : entities) {
                int i = e.find(line);
                if (i >= 0 && (i < at || (i == at && e.key().length() > best.length()))) {
                    best = e.key();
                    at = i;
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        return out;
    }

    /** Pairs (source, destination) named in one line, source first. */
    static Set<List<String>> pairs(List<String> lines, Collection<List<String>> universe) {
        Set<List<String>> out = new LinkedHashSet<>();
        for (List<String> pair : universe) {
            Entity src = entity(pair.get(0));
            Entity dst = entity(pair.get(1));
            for (String line : lines) {
                int s = src.find(line);
                if (s >= 0) {
                    int d = dst.find(line.substring(s + 1));
                    if (d >= 0) {
                        out.add(pair);
                        break;
                    }
                }
            }
        }
        return out;
    }
}

package io.netinsights.assistant.retrieve;

import io.netinsights.assistant.template.Template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Ranks templates for a question: the embedding similarity of the question to each template's
 * example questions and title (the best one counts), plus a small bonus per keyword of the template
 * the question contains. The example embeddings are computed once.
 */
public final class TemplateRetriever {
    /** Score bonus of the first keyword hit; more hits add half as much each. */
    static final double KEYWORD_BONUS = 0.08;

    private final Embedder embedder;
    private final List<Template> templates;
    private final List<List<float[]>> exampleVectors = new ArrayList<>();

    public TemplateRetriever(Embedder embedder, List<Template> templates) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.templates = List.copyOf(templates);
        for (Template t : this.templates) {
            List<float[]> vs = new ArrayList<>();
            vs.add(embedder.embed(t.title()));
            for (String ex : t.examples()) {
                vs.add(embedder.embed(ex));
            }
            exampleVectors.add(vs);
        }
    }

    /** Every template, best match first. */
    public List<TemplateMatch> rank(String question) {
        float[] q = embedder.embed(question);
        String lower = " " + question.toLowerCase(Locale.ROOT) + " ";
        List<TemplateMatch> out = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            Template t = templates.get(i);
            double best = -1;
            for (float[] v : exampleVectors.get(i)) {
                best = Math.max(best, Embedder.similarity(q, v));
            }
            int hits = 0;
            for (String k : t.keywords()) {
                if (SlotExtractor.indexOfWord(lower, k.toLowerCase(Locale.ROOT)) >= 0) {
                    hits++;
                }
            }
            double bonus = hits == 0 ? 0 : KEYWORD_BONUS * (1 + 0.5 * (hits - 1));
            out.add(new TemplateMatch(t, best, hits, best + Math.min(bonus, 2 * KEYWORD_BONUS)));
        }
        out.sort(Comparator.comparingDouble(TemplateMatch::score).reversed());
        return out;
    }
}

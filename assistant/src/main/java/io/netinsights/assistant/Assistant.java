package io.netinsights.assistant;

import io.netinsights.assistant.llm.ChatTurn;
import io.netinsights.assistant.llm.LlmException;
import io.netinsights.assistant.llm.PromptBuilder;
import io.netinsights.assistant.llm.TrafficRedactor;
import io.netinsights.assistant.retrieve.Embedder;
import io.netinsights.assistant.retrieve.Facts;
import io.netinsights.assistant.retrieve.MiniLmEmbedder;
import io.netinsights.assistant.retrieve.SlotExtractor;
import io.netinsights.assistant.retrieve.TemplateMatch;
import io.netinsights.assistant.retrieve.TemplateRetriever;
import io.netinsights.assistant.template.Template;
import io.netinsights.assistant.template.TemplateLibrary;
import io.netinsights.schemas.ApiItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a question in plain language into a checked, ready-to-run script. Offline it retrieves the
 * closest vetted template (embedding similarity plus keywords), fills its slots from the question,
 * validates and dry-runs it; below the retrieval threshold, or when a slot cannot be filled, it
 * answers "I can't answer that yet" with the closest templates. With a model it grounds the model
 * in the API index and similar templates, then validates, dry-runs and repairs. Thread-safe.
 */
public final class Assistant {
    private static volatile Assistant standard;

    private final TemplateLibrary library;
    private final TemplateRetriever retriever;
    private final SlotExtractor extractor = new SlotExtractor();

    public Assistant(TemplateLibrary library, Embedder embedder) {
        this.library = Objects.requireNonNull(library, "library");
        this.retriever = new TemplateRetriever(embedder, library.all());
    }

    /** The standard library with the in-jar MiniLM embedder; built once per JVM. */
    public static Assistant standard() {
        Assistant a = standard;
        if (a == null) {
            synchronized (Assistant.class) {
                a = standard;
                if (a == null) {
                    a = new Assistant(TemplateLibrary.standard(), MiniLmEmbedder.shared());
                    standard = a;
                }
            }
        }
        return a;
    }

    public TemplateLibrary library() {
        return library;
    }

    /** Answers a question. */
    public Answer ask(String question, AskOptions o) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("the question is empty");
        }
        long start = System.nanoTime();
        Facts facts = extractor.extract(question);
        List<TemplateMatch> ranked = retriever.rank(question);
        return answer(question, facts, ranked, o, start, null);
    }

    /**
     * Changes the last answer after a follow-up ("only namespace shop", "every minute instead",
     * "top 10"): a template answer gets its slots re-filled; a model answer goes back to the model
     * with its script; a follow-up that sets nothing is asked as a new question.
     */
    public Answer refine(Answer last, String followUp, AskOptions o) {
        Objects.requireNonNull(last, "last");
        if (followUp == null || followUp.isBlank()) {
            throw new IllegalArgumentException("the follow-up is empty");
        }
        long start = System.nanoTime();
        Facts change = extractor.extract(followUp);
        String lower = followUp.toLowerCase(Locale.ROOT);
        if (change.has("groupBy") && !lower.matches("(?s).*\\b(by|per|instead|rank|top)\\b.*")) {
            Map<String, Object> v = new LinkedHashMap<>(change.values());
            v.remove("groupBy");
            change = new Facts(v, change.evidence(), change.unsupported());
        }
        String question = last.question() + " / " + followUp.strip();
        boolean template = last.hasScript() && library.get(last.source()).isPresent();
        if (template
                && change.unsupported().isEmpty()
                && refines(library.get(last.source()).orElseThrow(), change, followUp)) {
            Facts merged = last.facts().with(change);
            Template t = library.get(last.source()).orElseThrow();
            SlotFiller.Fill fill = SlotFiller.fill(t, merged);
            if (fill.ok()) {
                return fromTemplate(question, t, fill.values(), merged, o, start);
            }
            return cannot(question, merged, retriever.rank(question), fill.reason(), start);
        }
        if (Answer.MODEL.equals(last.source()) && last.code() != null && o.model() != null) {
            List<ChatTurn> turns =
                    new ArrayList<>(PromptBuilder.initial(last.question(), List.of(), sample(o)));
            turns.add(PromptBuilder.followUp(last.code(), followUp));
            return fromModel(
                    question, last.facts().with(change), retriever.rank(question), turns, o, start);
        }
        return ask(followUp, o);
    }

    /**
     * Whether a follow-up changes the last template's slots rather than asking something new: it
     * sets at least one of them, and it is not a longer question that fits another template.
     */
    private boolean refines(Template t, Facts change, String followUp) {
        boolean setsSlot =
                t.slots().stream().anyMatch(s -> s.from() != null && change.has(s.from()));
        if (!setsSlot) {
            return false;
        }
        if (followUp.strip().split("\\s+").length <= 6) {
            return true;
        }
        TemplateMatch best = retriever.rank(followUp).get(0);
        return best.template().id().equals(t.id()) || best.score() < AskOptions.DEFAULT_MIN_SCORE;
    }

    private Answer answer(
            String question,
            Facts facts,
            List<TemplateMatch> ranked,
            AskOptions o,
            long start,
            List<ChatTurn> turns) {
        if (!facts.unsupported().isEmpty()) {
            return cannot(
                    question,
                    facts,
                    ranked,
                    "it asks about "
                            + String.join(", ", facts.unsupported())
                            + ", which captured network traffic does not show",
                    start);
        }
        List<String> reasons = new ArrayList<>();
        if (o.model() == null || !o.preferModel()) {
            double best = ranked.get(0).score();
            for (TemplateMatch m : ranked) {
                // Only near-best templates are candidates: a far one would answer another question.
                if (m.score() < o.minScore() || m.score() < best - 0.08) {
                    break;
                }
                SlotFiller.Fill fill = SlotFiller.fill(m.template(), facts);
                if (fill.ok()) {
                    return fromTemplate(question, m.template(), fill.values(), facts, o, start);
                }
                reasons.add(fill.reason());
            }
        }
        if (o.model() != null) {
            List<ChatTurn> conversation =
                    turns != null
                            ? turns
                            : PromptBuilder.initial(question, examples(ranked, facts), sample(o));
            return fromModel(question, facts, ranked, conversation, o, start);
        }
        String why =
                reasons.isEmpty()
                        ? "no template of mine is close enough to the question (best match "
                                + String.format(Locale.ROOT, "%.2f", ranked.get(0).score())
                                + ", needed "
                                + o.minScore()
                                + ")"
                        : String.join("; ", reasons);
        return cannot(question, facts, ranked, why, start);
    }

    private Answer fromTemplate(
            String question,
            Template t,
            Map<String, Object> values,
            Facts facts,
            AskOptions o,
            long start) {
        String code = io.netinsights.assistant.template.TemplateRenderer.render(t, values);
        values = io.netinsights.assistant.template.TemplateRenderer.resolve(t, values);
        ScriptChecker.Outcome out = ScriptChecker.check(t.id() + ".js", code, o, false);
        List<String> notes = new ArrayList<>(out.problems());
        notes.addAll(out.warnings());
        String explanation = Explainer.forTemplate(t, values, facts, code);
        if (!out.ok()) {
            return new Answer(
                    Answer.Status.FAILED,
                    question,
                    null,
                    "The script from template "
                            + t.id()
                            + " did not pass its checks.\n"
                            + explanation,
                    t.id(),
                    values,
                    facts,
                    notes,
                    List.of(),
                    0,
                    out.dryRun(),
                    millis(start));
        }
        return new Answer(
                Answer.Status.SCRIPT,
                question,
                code,
                explanation + checked(out),
                t.id(),
                values,
                facts,
                notes,
                List.of(),
                0,
                out.dryRun(),
                millis(start));
    }

    private Answer fromModel(
            String question,
            Facts facts,
            List<TemplateMatch> ranked,
            List<ChatTurn> turns,
            AskOptions o,
            long start) {
        ModelGenerator.Generation g;
        try {
            g = ModelGenerator.generate(turns, o);
        } catch (LlmException e) {
            return new Answer(
                    Answer.Status.FAILED,
                    question,
                    null,
                    "The model could not be used: " + e.getMessage(),
                    Answer.MODEL,
                    Map.of(),
                    facts,
                    List.of(e.getMessage()),
                    closest(ranked),
                    0,
                    null,
                    millis(start));
        }
        if (g.code() == null) {
            return new Answer(
                    Answer.Status.FAILED,
                    question,
                    null,
                    "The model's script still failed its checks after "
                            + g.rounds()
                            + " repair round(s); no script is returned.",
                    Answer.MODEL,
                    Map.of(),
                    facts,
                    g.problems(),
                    closest(ranked),
                    g.rounds(),
                    null,
                    millis(start));
        }
        String explanation =
                "What it computes: a script written by the model "
                        + o.model().describe()
                        + " for the question.\n"
                        + Explainer.forCode(g.code())
                        + checked(g.outcome());
        return new Answer(
                Answer.Status.SCRIPT,
                question,
                g.code(),
                explanation,
                Answer.MODEL,
                Map.of(),
                facts,
                g.outcome().warnings(),
                List.of(),
                g.rounds(),
                g.outcome().dryRun(),
                millis(start));
    }

    private Answer cannot(
            String question, Facts facts, List<TemplateMatch> ranked, String why, long start) {
        return new Answer(
                Answer.Status.CANNOT_ANSWER,
                question,
                null,
                "I can't answer that yet: " + why + ".",
                null,
                Map.of(),
                facts,
                List.of(),
                closest(ranked),
                0,
                null,
                millis(start));
    }

    private static String checked(ScriptChecker.Outcome out) {
        if (out.dryRun() == null) {
            return "\nChecked: validator passed (no dry run).";
        }
        return "\nChecked: validator passed; dry run on "
                + out.dryRun().itemsProcessed()
                + " sample item(s) in "
                + out.dryRun().wallMillis()
                + " ms printed "
                + out.dryRun().logLines().size()
                + " line(s) and made "
                + out.dryRun().sinkRequests().size()
                + " sink request(s).";
    }

    private static List<String> closest(List<TemplateMatch> ranked) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(3, ranked.size()); i++) {
            TemplateMatch m = ranked.get(i);
            out.add(
                    String.format(
                            Locale.ROOT,
                            "%s: %s (match %.2f)",
                            m.template().id(),
                            m.template().title(),
                            m.score()));
        }
        return out;
    }

    /** The two closest templates, filled from the question where possible, as prompt examples. */
    private static List<String[]> examples(List<TemplateMatch> ranked, Facts facts) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(2, ranked.size()); i++) {
            Template t = ranked.get(i).template();
            SlotFiller.Fill fill = SlotFiller.fill(t, facts);
            Map<String, Object> values = fill.ok() ? fill.values() : Map.of();
            out.add(
                    new String[] {
                        t.title(),
                        io.netinsights.assistant.template.TemplateRenderer.render(t, values)
                    });
        }
        return out;
    }

    /** Up to three redacted items, one per protocol, from the dry-run traffic. */
    private static String sample(AskOptions o) {
        List<ApiItem> items =
                o.sampleItems() != null ? o.sampleItems() : ScriptChecker.traffic().items();
        Map<String, ApiItem> one = new LinkedHashMap<>();
        for (ApiItem item : items) {
            one.putIfAbsent(item.getProtocol().getName(), item);
            if (one.size() == 3) {
                break;
            }
        }
        return TrafficRedactor.sample(new ArrayList<>(one.values()));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}

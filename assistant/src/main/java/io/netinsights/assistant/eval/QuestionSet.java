package io.netinsights.assistant.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an evaluation set: a YAML document with a {@code questions} list. */
public final class QuestionSet {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The shipped set, {@code eval/questions.yaml} on the class path. */
    public static final String SHIPPED = "/eval/questions.yaml";

    private QuestionSet() {}

    public static List<Question> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Question> shipped() {
        try (InputStream in = QuestionSet.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SHIPPED);
            }
            return parse(in, SHIPPED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SHIPPED, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Question> parse(InputStream in, String where) throws IOException {
        JsonNode root = YAML.readTree(in);
        List<Question> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode q : root.path("questions")) {
            n++;
            String id = q.path("id").asText("q" + n);
            if (!q.hasNonNull("question") || !q.has("expect") || !q.path("expect").has("check")) {
                throw new IllegalArgumentException(
                        where + ": question " + id + " needs 'question' and 'expect.check'");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(
                        where + ": question id " + id + " is used twice");
            }
            Map<String, Object> expect = YAML.convertValue(q.get("expect"), LinkedHashMap.class);
            out.add(
                    new Question(
                            id,
                            q.get("question").asText(),
                            q.path("seed").asBoolean(false),
                            expect));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    where + " has no questions (expected a 'questions:' list)");
        }
        return out;
    }
}

package io.netinsights.js.validate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Name, hook and lint checks of {@link ScriptValidator} on the scripts in scripts/validate. */
class ScriptValidatorTest {

    static String script(String name) {
        String path = "scripts/validate/" + name;
        try (InputStream in =
                ScriptValidatorTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ValidationResult validate(String name) {
        return ScriptValidator.validate(name, script(name));
    }

    static List<Problem> withCode(ValidationResult result, String code) {
        return result.problems().stream().filter(p -> p.code().equals(code)).toList();
    }

    @Test
    void kubesharkStyleScriptHasNoProblems() {
        ValidationResult result = validate("top-dns-consumers.js");

        assertThat(result.ok()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result).hasToString("top-dns-consumers.js: ok");
    }

    @Test
    void unknownHelperSuggestsTheClosestPath() {
        ValidationResult result = validate("unknown-helper.js");

        assertThat(result.ok()).isFalse();
        assertThat(withCode(result, Problem.UNKNOWN_HELPER))
                .extracting(Problem::toString)
                .containsExactly(
                        "unknown-helper.js:10:9: error: unknown helper vendor.kinesis.putt"
                                + " (did you mean vendor.kinesis.put?)",
                        "unknown-helper.js:11:9: error: unknown helper vendor.kenesis.put"
                                + " (did you mean vendor.kinesis.put?)",
                        "unknown-helper.js:12:9: error: unknown helper console.warn"
                                + " (console has log, error, clear)");
        // console.log.apply is a property of a real helper, not an unknown path.
        assertThat(result.problems()).hasSize(3);
    }

    @Test
    void unknownGlobalsAreResolvedByScope() {
        ValidationResult result = validate("unknown-global.js");

        assertThat(result.problems())
                .allSatisfy(p -> assertThat(p.code()).isEqualTo(Problem.UNKNOWN_GLOBAL))
                .extracting(Problem::toString)
                .containsExactly(
                        "unknown-global.js:12:5: error: unknown global conosle"
                                + " (did you mean console?)",
                        "unknown-global.js:19:28: error: unknown global local: not declared in"
                                + " the script, not a helper and not an ES5 built-in",
                        "unknown-global.js:19:35: error: unknown global mystery: not declared in"
                                + " the script, not a helper and not an ES5 built-in");
    }

    @Test
    void functionNamedLikeAHookWarns() {
        ValidationResult result = validate("unknown-hook.js");

        assertThat(result.ok()).isTrue();
        assertThat(result.warnings())
                .extracting(Problem::code, Problem::line, Problem::column, Problem::message)
                .containsExactly(
                        tuple(
                                Problem.UNKNOWN_HOOK,
                                2,
                                1,
                                "onItemCapture is not a hook, so the engine never calls it"
                                        + " (did you mean onItemCaptured?)"),
                        tuple(
                                Problem.UNKNOWN_HOOK,
                                6,
                                1,
                                "onStartup is not a hook, so the engine never calls it"));
    }

    @Test
    void sinkOnThePerItemPathWarnsButNotInsideAScheduledJob() {
        ValidationResult result = validate("per-item-sink.js");

        assertThat(result.ok()).isTrue();
        assertThat(result.warnings())
                .extracting(Problem::toString)
                .containsExactly(
                        "per-item-sink.js:3:5: warning: vendor.webhook called for every item;"
                                + " batch in a global and send from a job",
                        "per-item-sink.js:10:5: warning: vendor.s3.putObject called for every"
                                + " packet; batch in a global and send from a job");
    }

    @Test
    void mapGrowingPerItemWithoutResetWarns() {
        ValidationResult result = validate("unbounded-map.js");

        assertThat(result.ok()).isTrue();
        assertThat(result.warnings())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.code()).isEqualTo(Problem.UNBOUNDED_MAP);
                            assertThat(p.line()).isEqualTo(6);
                            assertThat(p.column()).isEqualTo(5);
                            assertThat(p.message()).startsWith("counts gets a new key per item");
                        });
    }

    @Test
    void mapResetInAJobOrEmptiedWithDeleteDoesNotWarn() {
        assertThat(validate("bounded-map.js").problems()).isEmpty();
    }

    @Test
    void twoThousandLineScriptValidates() {
        StringBuilder code = new StringBuilder("// generated\nvar counts = {};\n");
        int lines = 2;
        for (int i = 0; lines < 2_000; i++, lines += 8) {
            code.append("function f")
                    .append(i)
                    .append("(data) {\n    var k = data.dst.name + '")
                    .append(i)
                    .append("';\n    if (k.length > 3) {\n        console.log(k, Math.max(1, ")
                    .append(i)
                    .append("));\n    } else {\n        hub.action('short', { k: k });\n")
                    .append("    }\n    return k;\n}\n");
        }
        code.append("function onItemCaptured(data) {\n    f0(data);\n}\n");

        ValidationResult result = ScriptValidator.validate("big.js", code.toString());

        assertThat(code.toString().lines().count()).isGreaterThanOrEqualTo(2_000);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void concurrentCallsGetTheSameAnswers() throws Exception {
        List<String> names =
                List.of("unknown-helper.js", "unknown-global.js", "per-item-sink.js", "es6-let.js");
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = names.get(i % names.size());
                calls.add(() -> validate(name).toString());
            }
            List<Future<String>> answers = callers.invokeAll(calls);
            for (int i = 0; i < answers.size(); i++) {
                String name = names.get(i % names.size());
                assertThat(answers.get(i).get()).isEqualTo(validate(name).toString());
            }
        } finally {
            callers.shutdownNow();
        }
    }
}

package io.netinsights.js.validate;

import io.netinsights.js.JsEngineHolder;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * ES5 syntax checks of {@link ScriptValidator}, cross-checked against a GraalJS context with {@code
 * js.ecmascript-version=5}: the runtime must reject every script the validator rejects.
 */
class ScriptValidatorSyntaxTest {

    private static Context es5;

    @BeforeAll
    static void openEs5Context() {
        es5 =
                Context.newBuilder("js")
                        .engine(JsEngineHolder.engine())
                        .option("js.ecmascript-version", "5")
                        .build();
    }

    @AfterAll
    static void closeEs5Context() {
        es5.close();
    }

    private static void assertGraalEs5Rejects(String name) {
        Source source =
                Source.newBuilder("js", ScriptValidatorTest.script(name), name).buildLiteral();
        assertThatThrownBy(() -> es5.parse(source))
                .isInstanceOfSatisfying(
                        PolyglotException.class, e -> assertThat(e.isSyntaxError()).isTrue());
    }

    @Test
    void syntaxErrorHasExactLineAndColumn() {
        ValidationResult result = ScriptValidatorTest.validate("syntax-error.js");

        assertThat(result.ok()).isFalse();
        assertThat(result.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.code()).isEqualTo(Problem.SYNTAX);
                            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
                            assertThat(p)
                                    .hasToString("syntax-error.js:5:21: error: Unexpected token");
                        });
        assertGraalEs5Rejects("syntax-error.js");
    }

    @ParameterizedTest
    @CsvSource({
        "es6-let.js, 2, 5, let is ES6 syntax; scripts must be ES5 (use var)",
        "es6-const.js, 2, 5, const is ES6 syntax; scripts must be ES5 (use var)",
        "es6-arrow.js, 2, 44, arrow function is ES6 syntax; scripts must be ES5 (use function () { ... })",
        "es6-class.js, 1, 1, class is ES6 syntax; scripts must be ES5 (use a constructor function)",
        "es6-template.js, 2, 17, template literal is ES6 syntax; scripts must be ES5 (concatenate"
                + " strings with '+')"
    })
    void es6ConstructIsRejectedAndSaysSo(String name, int line, int column, String message) {
        ValidationResult result = ScriptValidatorTest.validate(name);

        assertThat(result.ok()).isFalse();
        assertThat(result.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.code()).isEqualTo(Problem.ES6);
                            assertThat(p.line()).isEqualTo(line);
                            assertThat(p.column()).isEqualTo(column);
                            assertThat(p.message()).isEqualTo(message);
                        });
        assertGraalEs5Rejects(name);
    }

    @Test
    void everyEs6ConstructIsListed() {
        ValidationResult result =
                ScriptValidator.validate(
                        "many.js",
                        "function f(a) {\n  let x = `v${a}`;\n  return [1].map((y) => y + x);\n}\n");

        assertThat(result.problems())
                .extracting(Problem::line, Problem::column)
                .containsExactly(tuple(2, 3), tuple(2, 11), tuple(3, 18));
    }

    @ParameterizedTest
    @ValueSource(strings = {"top-dns-consumers.js", "unknown-global.js", "bounded-map.js"})
    void graalEs5AcceptsWhatTheValidatorParses(String name) {
        String code = ScriptValidatorTest.script(name);

        assertThat(withoutSyntaxProblems(ScriptValidator.validate(name, code))).isTrue();
        es5.parse(Source.newBuilder("js", code, name).buildLiteral());
    }

    private static boolean withoutSyntaxProblems(ValidationResult result) {
        return result.problems().stream()
                .noneMatch(p -> p.code().equals(Problem.SYNTAX) || p.code().equals(Problem.ES6));
    }

    /** 400 nested else-ifs overflow a default 1 MB thread stack inside acorn. */
    @Test
    void deeplyNestedScriptIsParsed() {
        StringBuilder code = new StringBuilder("function f(a) {\n  if (a === 0) { return 0; }\n");
        for (int i = 1; i < 400; i++) {
            code.append("  else if (a === ").append(i).append(") { return a; }\n");
        }
        code.append("}\n");

        assertThat(ScriptValidator.validate("nested.js", code.toString()).problems()).isEmpty();
    }
}

package io.netinsights.js.validate;

import io.netinsights.js.ApiIndex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a user script before it is deployed: ES5 syntax (acorn, cross-checked by the GraalJS ES5
 * parser the runtime uses), names and helper paths against {@link ApiIndex}, hook names, and lints
 * for per-item sinks and unbounded maps. Thread-safe.
 *
 * <p>Analysis runs on a few daemon worker threads, each owning one {@link AcornAnalyzer} (GraalJS
 * contexts are single-threaded), so acorn loads once per worker. The workers have large stacks:
 * acorn and the tree walk recurse once per nesting level, and interpreted GraalJS frames are big
 * enough that a 1 MB stack overflows on an {@code else if} chain of about 200 branches.
 */
public final class ScriptValidator {

    private static final int WORKER_COUNT =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final long WORKER_STACK_BYTES = 64L << 20;
    private static final ThreadLocal<AcornAnalyzer> ANALYZER = new ThreadLocal<>();
    private static final String OPTIONS_JSON = optionsJson();

    private ScriptValidator() {}

    /** Started on first use. */
    private static final class Workers {
        private static final AtomicInteger IDS = new AtomicInteger();
        static final ExecutorService POOL =
                Executors.newFixedThreadPool(WORKER_COUNT, Workers::newThread);

        private static Thread newThread(Runnable task) {
            Thread t =
                    new Thread(
                            null,
                            task,
                            "script-validator-" + IDS.incrementAndGet(),
                            WORKER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        }
    }

    /**
     * Validates one script. Syntax problems stop the other checks, since there is no tree to check.
     *
     * @param fileName used in problem locations, for example {@code top.js}
     * @param code the script text
     */
    public static ValidationResult validate(String fileName, String code) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(code, "code");
        ScriptFacts facts = analyze(fileName, code);
        List<Problem> problems = new ArrayList<>();
        if (!facts.syntax().isEmpty()) {
            for (ScriptFacts.SyntaxFact s : facts.syntax()) {
                String id = s.es6() ? Problem.ES6 : Problem.SYNTAX;
                problems.add(Problem.error(fileName, s.line(), s.column(), id, s.message()));
            }
            return new ValidationResult(fileName, problems);
        }
        problems.addAll(ApiChecks.check(fileName, facts));
        problems.addAll(LintChecks.check(fileName, facts));
        return new ValidationResult(fileName, problems);
    }

    private static ScriptFacts analyze(String fileName, String code) {
        try {
            return Workers.POOL.submit(() -> analyzeOnWorker(fileName, code)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating " + fileName, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot validate " + fileName, e.getCause());
        }
    }

    private static ScriptFacts analyzeOnWorker(String fileName, String code) {
        AcornAnalyzer analyzer = ANALYZER.get();
        if (analyzer == null) {
            analyzer = new AcornAnalyzer();
            ANALYZER.set(analyzer);
        }
        try {
            return analyzer.analyze(fileName, code, OPTIONS_JSON);
        } catch (RuntimeException e) {
            // The context may be in any state after an unexpected failure: build a new one next
            // time.
            ANALYZER.remove();
            try {
                analyzer.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static String optionsJson() {
        Map<String, Object> options =
                Map.of(
                        "perItemHooks", LintChecks.PER_ITEM_HOOKS,
                        "scheduleHelper", LintChecks.SCHEDULE_HELPER);
        try {
            return new ObjectMapper().writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode validator options", e);
        }
    }
}

package io.netinsights.js.validate;

import io.netinsights.js.JsEngineHolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Two GraalJS contexts on the shared engine that turn script text into {@link ScriptFacts}: one
 * runs acorn and {@code analyze.js} (acorn itself needs a modern ECMAScript version), the other is
 * an ES5 context that parses the script exactly as the runtime will. Single-threaded: {@link
 * ScriptValidator} pools instances.
 */
final class AcornAnalyzer implements AutoCloseable {

    private static final String ACORN_POM = "META-INF/maven/org.webjars.npm/acorn/pom.properties";
    private static final String ANALYZE_JS = "io/netinsights/js/validate/analyze.js";
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Cached and strongly referenced, so every context on the engine reuses the parsed code. */
    private static final class Sources {
        static final Source ACORN = load(acornPath(), "acorn.js");
        static final Source ANALYZE = load(ANALYZE_JS, "analyze.js");
    }

    private final Context modern;
    private final Context es5;
    private final Value analyzeFn;

    AcornAnalyzer() {
        modern = newContext("2022");
        try {
            modern.eval(Sources.ACORN);
            analyzeFn = modern.eval(Sources.ANALYZE);
            es5 = newContext("5");
        } catch (RuntimeException e) {
            closeAfterFailure(modern, e);
            throw e;
        }
    }

    private static Context newContext(String ecmaScriptVersion) {
        // Contexts on a shared engine must agree on host access; the runtime's contexts use
        // EXPLICIT, and a different policy (even NONE) fails in HostLanguage.initializeHostAccess.
        return Context.newBuilder("js")
                .engine(JsEngineHolder.engine())
                .allowHostAccess(HostAccess.EXPLICIT)
                .option("js.ecmascript-version", ecmaScriptVersion)
                .build();
    }

    /**
     * Parses and analyses {@code code}. {@code optionsJson} tells analyze.js the per-item hooks and
     * the helper that schedules jobs. Syntax problems come from acorn, or from GraalJS when acorn
     * accepts what the ES5 runtime would reject.
     */
    ScriptFacts analyze(String fileName, String code, String optionsJson) {
        String json;
        try {
            json = analyzeFn.execute(code, optionsJson).asString();
        } catch (PolyglotException e) {
            if (!isStackOverflow(e)) {
                throw e;
            }
            return syntaxOnly(
                    new ScriptFacts.SyntaxFact(
                            false,
                            1,
                            1,
                            "script is nested too deeply to parse: " + e.getMessage()));
        }
        ScriptFacts facts;
        try {
            facts = JSON.readValue(json, ScriptFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "analyze.js returned malformed facts for " + fileName, e);
        }
        if (!facts.syntax().isEmpty()) {
            return facts;
        }
        ScriptFacts.SyntaxFact runtimeError = runtimeSyntaxError(fileName, code);
        if (runtimeError == null) {
            return facts;
        }
        return syntaxOnly(runtimeError);
    }

    private static ScriptFacts syntaxOnly(ScriptFacts.SyntaxFact fact) {
        return new ScriptFacts(List.of(fact), null, null, null, null, null, null, null);
    }

    /** A JavaScript RangeError from recursion: the context stays usable. */
    private static boolean isStackOverflow(PolyglotException e) {
        return e.isGuestException()
                && !e.isInternalError()
                && String.valueOf(e.getMessage()).contains("Maximum call stack size exceeded");
    }

    private ScriptFacts.SyntaxFact runtimeSyntaxError(String fileName, String code) {
        // Not cached: validated scripts must not pile up in the shared engine's code cache.
        Source source = Source.newBuilder("js", code, fileName).cached(false).buildLiteral();
        try {
            es5.parse(source);
            return null;
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            SourceSection at = e.getSourceLocation();
            boolean known = at != null && at.isAvailable();
            // GraalJS prefixes "file:line:col " to the message; the position is reported
            // separately.
            String message = e.getMessage().replaceFirst("^\\S+:\\d+:\\d+\\s+", "");
            return new ScriptFacts.SyntaxFact(
                    false, known ? at.getStartLine() : 1, known ? at.getStartColumn() : 1, message);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Context c : new Context[] {modern, es5}) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeAfterFailure(Context context, RuntimeException cause) {
        try {
            context.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** The acorn build inside the webjar, whatever version the pom brings in. */
    private static String acornPath() {
        Properties pom = new Properties();
        try (InputStream in = resource(ACORN_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ACORN_POM, e);
        }
        return "META-INF/resources/webjars/acorn/" + pom.getProperty("version") + "/dist/acorn.js";
    }

    private static Source load(String path, String name) {
        try (InputStreamReader reader =
                new InputStreamReader(resource(path), StandardCharsets.UTF_8)) {
            return Source.newBuilder("js", reader, name).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + path + " from the classpath", e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = AcornAnalyzer.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException(
                    path + " is not on the classpath (org.webjars.npm:acorn missing?)");
        }
        return in;
    }
}

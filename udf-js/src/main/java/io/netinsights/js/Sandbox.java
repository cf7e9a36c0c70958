package io.netinsights.js;

import io.netinsights.schemas.json.ItemJson;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.io.IOAccess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How script contexts are built: ES5 only, explicit host access (the facade's exported methods), no
 * host classes, files, network, threads, processes or environment.
 */
final class Sandbox {
    static final Source PRELUDE = load("prelude.js");
    static final Source GLOBAL_SOURCE = Source.create("js", "this");

    private static final Map<String, Source> USER_SOURCES = new ConcurrentHashMap<>();

    private Sandbox() {}

    static Context newContext() {
        return Context.newBuilder("js")
                .engine(JsEngineHolder.engine())
                .allowHostAccess(HostAccess.EXPLICIT)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.ecmascript-version", "5")
                .option("js.foreign-object-prototype", "true")
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    /** The user's source, cached by name and content so contexts share its parsed code. */
    static Source userSource(ScriptSource s) {
        String key = s.fileName() + '\0' + s.code();
        return USER_SOURCES.computeIfAbsent(
                key, k -> Source.newBuilder("js", s.code(), s.fileName()).buildLiteral());
    }

    /** "file:line:column" of the guest frame that failed, or the file name alone. */
    static String location(PolyglotException e, String fileName) {
        SourceSection s = e.getSourceLocation();
        if (s == null || !s.isAvailable()) {
            for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                if (f.isGuestFrame() && f.getSourceLocation() != null) {
                    s = f.getSourceLocation();
                    if (fileName.equals(s.getSource().getName())) {
                        break;
                    }
                }
            }
        }
        if (s == null || !s.isAvailable()) {
            return fileName;
        }
        return s.getSource().getName() + ":" + s.getStartLine() + ":" + s.getStartColumn();
    }

    /** The env object as JSON: values that parse as JSON keep their type, others are strings. */
    static String envJson(Map<String, String> env) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            out.put(e.getKey(), typed(e.getValue()));
        }
        return ItemJson.write(out);
    }

    private static Object typed(String v) {
        if (v == null) {
            return null;
        }
        String t = v.strip();
        if (t.equals("true")
                || t.equals("false")
                || t.equals("null")
                || t.startsWith("{")
                || t.startsWith("[")
                || (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-'))) {
            try {
                return ItemJson.MAPPER.readValue(t, Object.class);
            } catch (IOException e) {
                return v;
            }
        }
        return v;
    }

    private static Source load(String name) {
        try (InputStream in = Sandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", code, "netinsights-" + name)
                    .internal(true)
                    .buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}

package io.netinsights.js;

import org.graalvm.polyglot.Engine;

/**
 * The one GraalJS {@link Engine} of this JVM. Contexts built on a shared engine share parsed and
 * compiled code, so a script's second instance starts fast (GraalVM embedding guide, "Code Caching
 * Across Multiple Contexts").
 */
public final class JsEngineHolder {

    private JsEngineHolder() {}

    private static final class Lazy {
        static final Engine ENGINE =
                Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    }

    public static Engine engine() {
        return Lazy.ENGINE;
    }

    /** Name of the Truffle runtime in use: "GraalVM CE" when scripts compile to machine code. */
    public static String runtimeName() {
        return engine().getImplementationName();
    }
}

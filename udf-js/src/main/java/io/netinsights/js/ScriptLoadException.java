package io.netinsights.js;

/** A script that cannot start: a syntax error (with file:line:column) or a throwing top level. */
public final class ScriptLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScriptLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.netinsights.js.validate;

import java.util.Locale;
import java.util.Objects;

/**
 * One finding of {@link ScriptValidator}: where it is (1-based line and column), how bad it is, a
 * stable short code for tools and a message for people.
 *
 * @param file the script's file name, as passed to the validator
 * @param severity {@link Severity#ERROR} when the script will not load or will throw, else {@link
 *     Severity#WARNING}
 * @param line 1-based line
 * @param column 1-based column
 * @param code a stable id such as {@value #UNKNOWN_HELPER}
 * @param message what is wrong and, where possible, how to fix it
 */
public record Problem(
        String file, Severity severity, int line, int column, String code, String message) {

    /** The script does not parse as ES5. */
    public static final String SYNTAX = "syntax";

    /** The script uses ES2015+ syntax. */
    public static final String ES6 = "es6";

    /** A member path on a helper object that the runtime does not provide. */
    public static final String UNKNOWN_HELPER = "unknown-helper";

    /** A global name that is neither declared, a helper, nor an ES5 built-in. */
    public static final String UNKNOWN_GLOBAL = "unknown-global";

    /** A top-level function named like a hook that the engine never calls. */
    public static final String UNKNOWN_HOOK = "unknown-hook";

    /** A sink helper called on the per-item path. */
    public static final String PER_ITEM_SINK = "per-item-sink";

    /** A global map that gains keys per item and is never emptied. */
    public static final String UNBOUNDED_MAP = "unbounded-map";

    /** How bad a problem is. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static Problem error(String file, int line, int column, String code, String message) {
        return new Problem(file, Severity.ERROR, line, column, code, message);
    }

    static Problem warning(String file, int line, int column, String code, String message) {
        return new Problem(file, Severity.WARNING, line, column, code, message);
    }

    /** Compiler style: {@code top.js:12:5: error: unknown helper vendor.kinesis.putt (...)}. */
    @Override
    public String toString() {
        return file
                + ":"
                + line
                + ":"
                + column
                + ": "
                + severity.name().toLowerCase(Locale.ROOT)
                + ": "
                + message;
    }
}

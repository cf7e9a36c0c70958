package io.netinsights.js.validate;

import java.util.List;

/**
 * What {@code analyze.js} found in a script, decoded from its JSON: syntax problems, or the names,
 * helper paths, hooks and map writes the checks judge. Positions are 1-based.
 */
record ScriptFacts(
        List<SyntaxFact> syntax,
        List<Ref> reads,
        List<String> assigned,
        List<String> declared,
        List<PathRef> paths,
        List<Ref> functions,
        List<MapWrite> mapWrites,
        List<String> mapResets) {

    ScriptFacts {
        syntax = orEmpty(syntax);
        reads = orEmpty(reads);
        assigned = orEmpty(assigned);
        declared = orEmpty(declared);
        paths = orEmpty(paths);
        functions = orEmpty(functions);
        mapWrites = orEmpty(mapWrites);
        mapResets = orEmpty(mapResets);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A parse failure; {@code es6} when the script is valid modern JavaScript but not ES5. */
    record SyntaxFact(boolean es6, int line, int column, String message) {}

    /** A named thing at a position: an undeclared global read, or a top-level function. */
    record Ref(String name, int line, int column) {}

    /**
     * A chain of dotted member accesses on an undeclared global, such as {@code vendor.s3.put}.
     * {@code call} when the whole chain is called; {@code perItem} names the per-item hook the
     * access is lexically inside (outside functions given to jobs.schedule), else null.
     */
    record PathRef(String path, boolean call, String perItem, int line, int column) {}

    /** {@code name[key] = ...} on a global inside a per-item hook. */
    record MapWrite(String name, String hook, int line, int column) {}
}

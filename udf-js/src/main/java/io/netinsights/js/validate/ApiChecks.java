package io.netinsights.js.validate;

import io.netinsights.js.ApiIndex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a script's names against {@link ApiIndex}: undeclared globals, helper paths the runtime
 * does not provide, and functions named like hooks that are not hooks.
 */
final class ApiChecks {

    /** ES5 globals a script may use besides the helpers and {@link ApiIndex#OTHER_GLOBALS}. */
    static final Set<String> ES5_BUILTINS =
            Set.of(
                    "Object",
                    "Array",
                    "JSON",
                    "Math",
                    "Date",
                    "String",
                    "Number",
                    "Boolean",
                    "RegExp",
                    "Error",
                    "EvalError",
                    "RangeError",
                    "ReferenceError",
                    "SyntaxError",
                    "TypeError",
                    "URIError",
                    "parseInt",
                    "parseFloat",
                    "isNaN",
                    "isFinite",
                    "encodeURIComponent",
                    "decodeURIComponent",
                    "encodeURI",
                    "decodeURI",
                    "escape",
                    "unescape",
                    "undefined",
                    "NaN",
                    "Infinity",
                    "arguments");

    private static final Set<String> ROOTS = ApiIndex.helperRoots();
    private static final Set<String> PATHS = ApiIndex.allPaths();
    private static final List<String> HOOK_NAMES =
            ApiIndex.HOOKS.stream().map(ApiIndex.Hook::name).collect(Collectors.toList());

    private ApiChecks() {}

    static List<Problem> check(String file, ScriptFacts facts) {
        List<Problem> out = new ArrayList<>();
        unknownGlobals(file, facts, out);
        unknownHelpers(file, facts, out);
        unknownHooks(file, facts, out);
        return out;
    }

    /** The helper a member path calls or reads through, for example vendor.webhook.call. */
    static Optional<ApiIndex.Helper> helperOf(String path) {
        int dot = path.indexOf('.');
        while (dot > 0) {
            Optional<ApiIndex.Helper> h = ApiIndex.helper(path.substring(0, dot));
            if (h.isPresent()) {
                return h;
            }
            dot = path.indexOf('.', dot + 1);
        }
        return ApiIndex.helper(path);
    }

    private static void unknownGlobals(String file, ScriptFacts facts, List<Problem> out) {
        Set<String> assigned = Set.copyOf(facts.assigned());
        Set<String> candidates = new LinkedHashSet<>(ROOTS);
        candidates.addAll(ApiIndex.OTHER_GLOBALS);
        candidates.addAll(facts.declared());
        candidates.addAll(assigned);
        candidates.addAll(ES5_BUILTINS);
        for (ScriptFacts.Ref read : facts.reads()) {
            String name = read.name();
            if (ES5_BUILTINS.contains(name)
                    || ROOTS.contains(name)
                    || ApiIndex.OTHER_GLOBALS.contains(name)
                    || assigned.contains(name)) {
                continue;
            }
            String hint = Suggestions.didYouMean(name, candidates);
            String message =
                    "unknown global "
                            + name
                            + (hint.isEmpty()
                                    ? ": not declared in the script, not a helper and not an ES5"
                                            + " built-in"
                                    : hint);
            out.add(
                    Problem.error(
                            file, read.line(), read.column(), Problem.UNKNOWN_GLOBAL, message));
        }
    }

    private static void unknownHelpers(String file, ScriptFacts facts, List<Problem> out) {
        Set<String> reported = new LinkedHashSet<>();
        Set<String> ownGlobals = Set.copyOf(facts.assigned());
        for (ScriptFacts.PathRef ref : facts.paths()) {
            String[] segments = ref.path().split("\\.");
            if (!ROOTS.contains(segments[0]) || ownGlobals.contains(segments[0])) {
                continue;
            }
            int bad = firstUnknown(segments);
            if (bad < 0 || !reported.add(ref.path())) {
                continue;
            }
            out.add(
                    Problem.error(
                            file,
                            ref.line(),
                            ref.column(),
                            Problem.UNKNOWN_HELPER,
                            "unknown helper " + ref.path() + helperHint(segments, bad)));
        }
    }

    /**
     * Index of the first segment that is not a known helper path, or -1 when the path is known.
     * Anything after a helper function (call, apply, bind) is accepted.
     */
    private static int firstUnknown(String[] segments) {
        String prefix = segments[0];
        for (int i = 1; i < segments.length; i++) {
            if (ApiIndex.helper(prefix).isPresent()) {
                return -1;
            }
            prefix = prefix + "." + segments[i];
            if (!PATHS.contains(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String helperHint(String[] segments, int bad) {
        String parent = String.join(".", List.of(segments).subList(0, bad));
        List<String> siblings =
                PATHS.stream()
                        .filter(
                                p ->
                                        p.startsWith(parent + ".")
                                                && p.indexOf('.', parent.length() + 1) < 0)
                        .map(p -> p.substring(parent.length() + 1))
                        .collect(Collectors.toList());
        Optional<String> fix = Suggestions.closest(segments[bad], siblings);
        if (fix.isEmpty()) {
            return " (" + parent + " has " + String.join(", ", siblings) + ")";
        }
        String fixed = parent + "." + fix.get();
        String[] whole = segments.clone();
        whole[bad] = fix.get();
        String wholeFixed = String.join(".", whole);
        return " (did you mean " + (firstUnknown(whole) < 0 ? wholeFixed : fixed) + "?)";
    }

    private static void unknownHooks(String file, ScriptFacts facts, List<Problem> out) {
        for (ScriptFacts.Ref fn : facts.functions()) {
            String name = fn.name();
            if (!name.matches("on[A-Z].*") || ApiIndex.hook(name).isPresent()) {
                continue;
            }
            out.add(
                    Problem.warning(
                            file,
                            fn.line(),
                            fn.column(),
                            Problem.UNKNOWN_HOOK,
                            name
                                    + " is not a hook, so the engine never calls it"
                                    + Suggestions.didYouMean(name, HOOK_NAMES)));
        }
    }
}

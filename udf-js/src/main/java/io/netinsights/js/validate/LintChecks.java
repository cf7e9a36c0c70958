package io.netinsights.js.validate;

import io.netinsights.js.ApiIndex;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Warnings about scripts that run but cost too much on the per-item path: a sink helper called for
 * every item, and a global map that gains a key per item and is never emptied.
 */
final class LintChecks {

    /** Hooks called once per captured item or packet. */
    static final List<String> PER_ITEM_HOOKS = List.of("onItemCaptured", "onPacketCaptured");

    /** The helper whose function arguments run as jobs, off the per-item path. */
    static final String SCHEDULE_HELPER = "jobs.schedule";

    static {
        // Fail fast if ApiIndex renames what these lints rely on.
        for (String hook : PER_ITEM_HOOKS) {
            if (ApiIndex.hook(hook).isEmpty()) {
                throw new IllegalStateException("ApiIndex has no hook " + hook);
            }
        }
        if (ApiIndex.helper(SCHEDULE_HELPER).isEmpty()) {
            throw new IllegalStateException("ApiIndex has no helper " + SCHEDULE_HELPER);
        }
    }

    private LintChecks() {}

    static List<Problem> check(String file, ScriptFacts facts) {
        List<Problem> out = new ArrayList<>();
        perItemSinks(file, facts, out);
        unboundedMaps(file, facts, out);
        return out;
    }

    private static void perItemSinks(String file, ScriptFacts facts, List<Problem> out) {
        Set<String> assigned = Set.copyOf(facts.assigned());
        Set<String> reported = new HashSet<>();
        for (ScriptFacts.PathRef ref : facts.paths()) {
            if (ref.perItem() == null || !ref.call()) {
                continue;
            }
            Optional<ApiIndex.Helper> helper = ApiChecks.helperOf(ref.path());
            if (helper.isEmpty()
                    || helper.get().cost() != ApiIndex.Cost.SINK
                    || assigned.contains(ref.path().substring(0, ref.path().indexOf('.')))
                    || !reported.add(helper.get().path() + "|" + ref.perItem())) {
                continue;
            }
            out.add(
                    Problem.warning(
                            file,
                            ref.line(),
                            ref.column(),
                            Problem.PER_ITEM_SINK,
                            helper.get().path()
                                    + " called for every "
                                    + unit(ref.perItem())
                                    + "; batch in a global and send from a job"));
        }
    }

    private static void unboundedMaps(String file, ScriptFacts facts, List<Problem> out) {
        Set<String> resets = Set.copyOf(facts.mapResets());
        Map<String, ScriptFacts.MapWrite> first = new LinkedHashMap<>();
        for (ScriptFacts.MapWrite w : facts.mapWrites()) {
            if (!resets.contains(w.name())) {
                first.putIfAbsent(w.name(), w);
            }
        }
        for (ScriptFacts.MapWrite w : first.values()) {
            out.add(
                    Problem.warning(
                            file,
                            w.line(),
                            w.column(),
                            Problem.UNBOUNDED_MAP,
                            w.name()
                                    + " gets a new key per "
                                    + unit(w.hook())
                                    + " in "
                                    + w.hook()
                                    + " and is never deleted or reset; reset it in a job ("
                                    + w.name()
                                    + " = {}) or delete old keys"));
        }
    }

    private static String unit(String hook) {
        return "onPacketCaptured".equals(hook) ? "packet" : "item";
    }
}

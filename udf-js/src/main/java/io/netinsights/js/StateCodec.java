package io.netinsights.js;

import io.netinsights.schemas.json.ItemJson;

import org.graalvm.polyglot.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snapshot and restore of a script instance. Functions cannot be stored, so on restore the top
 * level runs again (re-creating functions and jobs) and then the data globals, job run counts and
 * next fire times, the in-memory files and the sink sequence are put back.
 */
final class StateCodec {
    private StateCodec() {}

    @SuppressWarnings("unchecked")
    static String snapshot(
            ScriptInstance instance, Value internal, Set<String> builtin, long sinkSeq) {
        List<String> names = new ArrayList<>();
        for (Object n : internal.getMember("globalNames").execute().as(List.class)) {
            if (!builtin.contains(n)) {
                names.add((String) n);
            }
        }
        String globals = internal.getMember("snapshot").execute(ItemJson.write(names)).asString();
        Map<String, Object> g = ItemJson.parseObject(globals);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (JobScheduler.Job j : instance.scheduler().jobs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tag", j.tag());
            m.put("runs", j.runs());
            m.put("nextFire", j.nextFire());
            jobs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", 1);
        out.put("globals", g.get("globals"));
        out.put("skipped", g.get("skipped"));
        out.put("jobs", jobs);
        out.put("schedulerRunning", instance.scheduler().isRunning());
        out.put("files", instance.files().snapshot());
        out.put("sinkSeq", sinkSeq);
        return ItemJson.write(out);
    }

    @SuppressWarnings("unchecked")
    static long restore(ScriptInstance instance, Value internal, String snapshot) {
        Map<String, Object> s = ItemJson.parseObject(snapshot);
        Object globals = s.get("globals");
        internal.getMember("restore").execute(ItemJson.write(globals == null ? Map.of() : globals));
        Object jobs = s.get("jobs");
        if (jobs instanceof List) {
            for (Object o : (List<Object>) jobs) {
                Map<String, Object> j = (Map<String, Object>) o;
                instance.scheduler()
                        .restore(
                                (String) j.get("tag"),
                                ((Number) j.get("runs")).longValue(),
                                ((Number) j.get("nextFire")).longValue());
            }
        }
        instance.scheduler().setRunning(!Boolean.FALSE.equals(s.get("schedulerRunning")));
        Object files = s.get("files");
        if (files instanceof Map) {
            Map<String, String> f = new LinkedHashMap<>();
            ((Map<String, Object>) files).forEach((k, v) -> f.put(k, String.valueOf(v)));
            instance.files().restore(f);
        }
        Object seq = s.get("sinkSeq");
        return seq instanceof Number ? ((Number) seq).longValue() : 0L;
    }
}

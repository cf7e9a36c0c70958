package io.netinsights.js;

import io.netinsights.schemas.testing.TestItems;

import org.junit.jupiter.api.Test;

import static io.netinsights.schemas.testing.TestItems.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Jobs on cron boundaries, limits, onJobPassed/onJobFailed, and snapshot/restore of globals. */
class JobsAndStateTest {
    private static final String COUNTER =
            "// counter\nvar n = 0; var seen = {}; var last = null;\n"
                    + "function onItemCaptured(d) { n++; seen[d.src.name] = (seen[d.src.name] ||"
                    + " 0) + 1; last = d.id; }\n"
                    + "jobs.schedule('report', '*/10 * * * * *', function(tag) {"
                    + " console.log(tag, n, JSON.stringify(seen)); }, 0, 'r');\n"
                    + "jobs.schedule('twice', '*/5 * * * * *', function() { console.log('twice'); }, 2);\n"
                    + "jobs.schedule('boom', '*/10 * * * * *', function() { throw new Error('kaput'); });\n"
                    + "function onJobPassed(tag, cron, limit) { if (tag == 'twice') console.log('passed',"
                    + " tag, cron, limit); }\n"
                    + "function onJobFailed(tag, cron, limit, err) { console.log('failed', tag, err); }";

    private final TestingEmitter out = new TestingEmitter();

    @Test
    void jobsFireOnCronBoundariesAndHonourLimits() throws Exception {
        try (ScriptInstance s =
                ScriptInstance.start(
                        new ScriptSource("c.js", COUNTER),
                        "node-1",
                        ScriptConfig.defaults(),
                        out,
                        T0 + 1_000)) {
            assertThat(s.scheduler().fireTimes()).containsExactly(T0 + 5_000, T0 + 10_000);
            s.onItemCaptured(TestItems.dns("1", "node-1", "a", "x", T0 + 2_000), T0 + 2_000);
            s.fireJobs(T0 + 5_000);
            assertThat(out.logs()).containsExactly("twice", "passed twice */5 * * * * * 2");
            out.console.clear();
            s.fireJobs(T0 + 10_000);
            assertThat(out.logs())
                    .containsExactly(
                            "r 1 {\"a\":1}",
                            "twice",
                            "passed twice */5 * * * * * 2",
                            "failed boom Error: kaput (c.js:6:60)");
            assertThat(s.scheduler().tags()).containsExactly("report", "boom");
            assertThat(s.scheduler().fireTimes()).containsExactly(T0 + 20_000);
        }
    }

    @Test
    void snapshotAndRestoreGiveTheSameResultAsAnUninterruptedRun() throws Exception {
        ScriptSource src = new ScriptSource("c.js", COUNTER);
        TestingEmitter straight = new TestingEmitter();
        try (ScriptInstance s =
                ScriptInstance.start(src, "n", ScriptConfig.defaults(), straight, T0)) {
            feed(s, 0, 6);
            s.fireJobs(T0 + 10_000);
        }
        String snap;
        try (ScriptInstance s = ScriptInstance.start(src, "n", ScriptConfig.defaults(), out, T0)) {
            feed(s, 0, 3);
            snap = s.snapshot();
        }
        TestingEmitter resumed = new TestingEmitter();
        try (ScriptInstance s =
                ScriptInstance.start(src, "n", ScriptConfig.defaults(), resumed, T0 + 3_000)) {
            s.restore(snap);
            assertThat(s.scheduler().fireTimes()).containsExactly(T0 + 5_000, T0 + 10_000);
            feed(s, 3, 6);
            s.fireJobs(T0 + 10_000);
        }
        assertThat(resumed.logs()).isEqualTo(straight.logs().subList(0, straight.logs().size()));
        assertThat(snap).contains("\"n\":3").doesNotContain("onItemCaptured");
    }

    @Test
    void badCronIsRejectedWithAReason() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * * *"))
                .hasMessageContaining("6 fields with seconds first");
        assertThat(CronSchedule.parse("@every 1m30s").next(T0)).isEqualTo(T0 + 90_000);
        assertThat(CronSchedule.parse("0 0 * * * *").next(T0)).isEqualTo(T0 + 3_600_000);
    }

    private static void feed(ScriptInstance s, int from, int to) {
        for (int i = from; i < to; i++) {
            long ts = T0 + i * 1_000L;
            s.onItemCaptured(TestItems.dns("i" + i, "node-1", i % 2 == 0 ? "a" : "b", "x", ts), ts);
        }
    }
}
